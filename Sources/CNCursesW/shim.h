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
