// CSched: starting a thread on another core than the caller's (the C
// library's CPU affinity calls, which Swift's Glibc module does not show:
// they need _GNU_SOURCE). Header only; nothing to link beyond the C library.
#ifndef CSCHED_SHIM_H
#define CSCHED_SHIM_H

#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <sys/types.h>
#include <unistd.h>

// Declared here because <sched.h> and <pthread.h> declare them only under
// _GNU_SOURCE (the prototypes are glibc's own).
extern int sched_getcpu(void);
extern int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *mask);
extern int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *mask);
extern int pthread_attr_setaffinity_np(pthread_attr_t *attributes, size_t size, const cpu_set_t *mask);

/// Starts `run(context)` on a new detached thread that may not run on the
/// calling thread's core, if the process may use another: the kernel then
/// starts it on another core at once, instead of queueing it behind its
/// creator (see OtherCoreThread.swift). 0, or the error pthread_create gave.
static inline int csched_start_elsewhere(void *(*run)(void *), void *context) {
    pthread_attr_t attributes;
    int error = pthread_attr_init(&attributes);
    if (error != 0) return error;
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    cpu_set_t others;
    int current = sched_getcpu();
    if (current >= 0 && sched_getaffinity(0, sizeof others, &others) == 0) {
        __CPU_CLR_S(current, sizeof others, &others);
        if (__CPU_COUNT_S(sizeof others, &others) > 0) {
            pthread_attr_setaffinity_np(&attributes, sizeof others, &others);
        }
    }
    pthread_t thread;
    error = pthread_create(&thread, &attributes, run, context);
    pthread_attr_destroy(&attributes);
    return error;
}

/// Lets the calling thread run on every core the process's main thread may
/// use again (a thread started by csched_start_elsewhere, once it runs).
static inline void csched_allow_every_core(void) {
    cpu_set_t allowed;
    if (sched_getaffinity(getpid(), sizeof allowed, &allowed) == 0) {
        sched_setaffinity(0, sizeof allowed, &allowed);
    }
}

#endif
