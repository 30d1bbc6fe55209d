/* Asking the terminal how wide it draws East Asian ambiguous characters.
 * Terminals disagree (xterm -cjk_width, PuTTY, GNOME Terminal and others
 * have an option), and every cell after such a character depends on it.
 * The probe prints one at the start of the cursor's row, asks for the
 * cursor position (DSR 6), reads the report and erases the row: at most
 * PROBE_MS, nothing left on screen, and keys typed meanwhile kept. A
 * report that comes after the wait is dropped by the interface (see
 * ui_probe_late_reply()). No curses here: it runs before curses starts.
 *
 * Asking and reading the answer are apart (ui_probe_ask(), then
 * ui_probe_answer()) so that the program can read its library while the
 * question travels: over a slow link the answer takes a round trip. In
 * between, the terminal echoes nothing and the program writes nothing to
 * it. */
#include "system.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ui-term.h"
#include "xmalloc.h"

/* The longest the probe waits for the terminal's answer, in ms. */
#define PROBE_MS	100
/* How long a report may still come after that, in ms. */
#define LATE_MS		5000

/* U+2026 HORIZONTAL ELLIPSIS, ambiguous and in every truncated row. */
#define PROBE_CHAR	"\342\200\246"

static char		kept[64];	/* bytes typed during the probe: no more
					 * than curses can take back (ungetch) */
static size_t		nkept;
static struct timespec	asked;		/* when the probe was sent */
static bool		unanswered;	/* a report may still come */
static bool		asking;		/* between ask and answer */
static struct termios	saved;		/* the terminal's modes before */

static long
ms_since(const struct timespec *t)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 +
	    (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* Finds a cursor position report, ESC [ row ; col R, in buf; stores the
 * column, keeps the bytes around it and returns 1; 0 if there is none
 * yet. */
static int
find_report(char *buf, size_t *n, int *col)
{
	size_t	i, j, k;
	int	c;

	for (i = 0; i + 1 < *n; i++) {
		if (buf[i] != '\033' || buf[i + 1] != '[')
			continue;
		for (j = i + 2; j < *n && ((buf[j] >= '0' && buf[j] <= '9') ||
		    buf[j] == ';'); j++)
			continue;
		if (j >= *n || buf[j] != 'R')
			continue;
		for (k = i + 2; k < j && buf[k] != ';'; k++)
			continue;
		if (k >= j)
			continue;
		for (c = 0, k++; k < j; k++)
			c = c * 10 + (buf[k] - '0');
		*col = c;
		memmove(buf + i, buf + j + 1, *n - j - 1);
		*n -= j + 1 - i;
		return 1;
	}
	return 0;
}

/* Signals that end the program while the terminal echoes nothing: its
 * modes are put back first. */
static const int	ending[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static struct sigaction	was[ARRAY_SIZE(ending)];

/* Puts the terminal's modes back (safe in a signal handler, and on any
 * thread: the out-of-memory exit's hook while asking). */
static void
modes_back(void)
{
	tcsetattr(STDIN_FILENO, TCSANOW, &saved);
}

static void
on_ending(int sig)
{
	modes_back();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* While asking (on), an end by signal or want of memory puts the
 * terminal's modes back; a signal ignored stays ignored. */
static void
guard(bool on)
{
	struct sigaction	sa;
	size_t			i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_ending;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_SIZE(ending); i++) {
		if (!on)
			sigaction(ending[i], &was[i], NULL);
		else if (sigaction(ending[i], NULL, &was[i]) == 0 &&
		    was[i].sa_handler != SIG_IGN)
			sigaction(ending[i], &sa, NULL);
	}
	xalloc_on_die(on ? modes_back : NULL);
}

/* Asks the terminal on standard input and output how wide it draws
 * ambiguous characters, if it is one; ui_probe_answer() reads the
 * answer. Returns whether it asked. */
bool
ui_probe_ask(void)
{
	static const char	ask[] = "\r" PROBE_CHAR "\033[6n";
	struct termios		raw;

	if (asking || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) ||
	    tcgetattr(STDIN_FILENO, &saved) != 0)
		return false;
	raw = saved;
	raw.c_lflag &= ~(tcflag_t) (ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	guard(true);
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0) {
		guard(false);
		return false;
	}
	clock_gettime(CLOCK_MONOTONIC, &asked);
	if (write(STDOUT_FILENO, ask, sizeof ask - 1) < 0) {
		modes_back();
		guard(false);
		return false;
	}
	asking = true;
	return true;
}

/* Returns the width (1 or 2) the terminal gives ambiguous characters, as
 * it answers ui_probe_ask() within PROBE_MS of the question; 1 if it does
 * not, or was not asked. Puts the terminal's modes back. */
int
ui_probe_answer(void)
{
	static const char	erase[] = "\r\033[2K";
	struct pollfd		pfd = { STDIN_FILENO, POLLIN, 0 };
	char			buf[sizeof kept];
	size_t			n = 0;
	ssize_t			r;
	long			left;
	int			col = 0, found = 0;

	if (!asking)
		return 1;
	asking = false;
	for (;;) {
		/* What has come is read even when the time is up (the
		 * answer may have come while the library was read), once. */
		left = PROBE_MS - ms_since(&asked);
		if ((r = poll(&pfd, 1, left > 0 ? (int) left : 0)) < 0 &&
		    errno == EINTR && left > 0)
			continue;
		if (r <= 0)
			break;
		/* No more than can be kept: what is typed beyond stays
		 * for curses to read (and a report behind it is dropped as
		 * a late one). */
		r = read(STDIN_FILENO, buf + n, sizeof buf - n);
		if (r < 0 && errno == EINTR && left > 0)
			continue;
		if (r <= 0)
			break;
		n += (size_t) r;
		if ((found = find_report(buf, &n, &col)) != 0 ||
		    n == sizeof buf || left <= 0)
			break;
	}
	if (write(STDOUT_FILENO, erase, sizeof erase - 1) < 0)
		found = 0;
	modes_back();
	guard(false);
	unanswered = !found;
	nkept = n;
	memcpy(kept, buf, nkept);
	/* The character went to column 1: the report says column 2 or 3. */
	return found && col == 3 ? 2 : 1;
}

/* Asks and waits for the answer: ui_probe_ask(), ui_probe_answer(). */
int
ui_probe_ambiguous_width(void)
{
	ui_probe_ask();
	return ui_probe_answer();
}

/* Hands over the bytes typed while the probe waited (they are keys);
 * returns how many. */
size_t
ui_probe_kept(const char **p)
{
	*p = kept;
	return nkept;
}

/* Whether a position report may still arrive from a probe the terminal
 * did not answer in time (the interface then drops it). */
bool
ui_probe_late_reply(void)
{
	if (unanswered && ms_since(&asked) > LATE_MS)
		unanswered = false;
	return unanswered;
}

/* Notes that the late report has arrived. */
void
ui_probe_answered(void)
{
	unanswered = false;
}
