// Shim for ncursesw: what Swift cannot import directly.
//
// - NCURSES_WIDECHAR must be defined before <curses.h>, or the wide-character API
//   (get_wch, setcchar, cchar_t, wint_t) is invisible.
// - C global variables (stdscr, curscr, LINES, COLS, COLORS, COLOR_PAIRS) are rejected by
//   Swift 6 as not concurrency-safe: they are read through the functions below.
// - Attribute macros (A_BOLD...) and mouse masks (BUTTON1_PRESSED...) are macros built
//   from expressions that Swift does not import: they are wrapped as functions.
//
// Only static inline functions here, never static variables: every Swift object file
// that uses this header gets its own copy of a static, so state would silently split.
#ifndef XPRESSIONS_CNCURSESW_SHIM_H
#define XPRESSIONS_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <curses.h>

// MARK: C globals
static inline WINDOW *xp_stdscr(void) { return stdscr; }
static inline WINDOW *xp_curscr(void) { return curscr; }
static inline int xp_lines(void) { return LINES; }
static inline int xp_cols(void) { return COLS; }
static inline int xp_colors(void) { return COLORS; }
static inline int xp_color_pairs(void) { return COLOR_PAIRS; }

// MARK: terminfo strings
#include <string.h>
// Drops the G0 character-set designation (ESC ( B) from the terminal's
// "attributes off" (sgr0) and "set attributes" (sgr) strings when they are
// the xterm family's: the app never uses the alternate character set (its
// boxes are Unicode, or ASCII on a terminal without it), so every attribute
// change sent 3 bytes that changed nothing. Call after newterm (whose start
// sent ESC ( B once). The strings are the terminal description's own
// (what tigetstr returns, and ncurses uses), shortened in place. Returns how
// many strings were changed.
static inline int xp_drop_charset_designation(void) {
    static const char sgr0_xterm[] = "\033(B\033[m";
    static const char sgr_prefix[] = "%?%p9%t\033(0%e\033(B%;";
    int changed = 0;
    char *off = tigetstr("sgr0");
    if (off != 0 && off != (char *)-1 && strcmp(off, sgr0_xterm) == 0) {
        memmove(off, off + 3, strlen(off + 3) + 1);
        changed += 1;
    }
    char *set = tigetstr("sgr");
    size_t prefix = sizeof(sgr_prefix) - 1;
    if (set != 0 && set != (char *)-1 && strncmp(set, sgr_prefix, prefix) == 0) {
        memmove(set, set + prefix, strlen(set + prefix) + 1);
        changed += 1;
    }
    return changed;
}

// MARK: character width as the C library (and so ncurses) measures it, after setlocale.
// Declared here because <wchar.h> declares wcwidth only under _XOPEN_SOURCE.
int wcwidth(wchar_t c);
static inline int xp_wcwidth(wchar_t c) { return wcwidth(c); }

// MARK: attributes (the WA_* values equal the A_* values in ncurses)
static inline attr_t xp_attr_bold(void) { return A_BOLD; }
static inline attr_t xp_attr_dim(void) { return A_DIM; }
static inline attr_t xp_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t xp_attr_reverse(void) { return A_REVERSE; }
static inline attr_t xp_attr_italic(void) { return A_ITALIC; }
static inline attr_t xp_attr_blink(void) { return A_BLINK; }

// MARK: mouse masks (NCURSES_MOUSE_VERSION 2: button 4 is wheel up, 5 is wheel down)
static inline mmask_t xp_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t xp_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t xp_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t xp_button2_released(void) { return BUTTON2_RELEASED; }
static inline mmask_t xp_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t xp_button3_released(void) { return BUTTON3_RELEASED; }
static inline mmask_t xp_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t xp_button2_clicked(void) { return BUTTON2_CLICKED; }
static inline mmask_t xp_button3_clicked(void) { return BUTTON3_CLICKED; }
static inline mmask_t xp_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t xp_button5_pressed(void) { return BUTTON5_PRESSED; }

#endif
