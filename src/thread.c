/* Starting helper threads that leave signals to the main thread. */
#include "system.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>

#include "thread.h"
#include "xmalloc.h"

#if defined(HAVE_PTHREAD_ATTR_SETAFFINITY_NP) && defined(HAVE_SCHED_GETCPU)
#define START_ELSEWHERE 1
#endif

/* What a new thread runs, and the CPUs it may use once it has begun. */
struct start {
	void		*(*fn)(void *);
	void		*arg;
#ifdef START_ELSEWHERE
	cpu_set_t	 cpus;
#endif
};

static void *
begin(void *arg)
{
	struct start	s = *(struct start *) arg;

	free(arg);
#ifdef START_ELSEWHERE
	pthread_setaffinity_np(pthread_self(), sizeof s.cpus, &s.cpus);
#endif
	return s.fn(s.arg);
}

/* Asks for the thread to start on a CPU other than the caller's: a new
 * thread otherwise often waits on the caller's busy CPU for milliseconds
 * until the scheduler moves one of them to an idle one. It may use all of
 * them once it runs. */
static void
start_elsewhere(pthread_attr_t *attr, struct start *s)
{
#ifdef START_ELSEWHERE
	cpu_set_t	others;
	int		cpu;

	if (sched_getaffinity(0, sizeof s->cpus, &s->cpus) != 0) {
		CPU_ZERO(&s->cpus);
		return;
	}
	others = s->cpus;
	if ((cpu = sched_getcpu()) >= 0 && CPU_ISSET(cpu, &others)) {
		CPU_CLR(cpu, &others);
		if (CPU_COUNT(&others) > 0)
			pthread_attr_setaffinity_np(attr, sizeof others,
			    &others);
	}
#else
	(void) attr;
	(void) s;
#endif
}

/* Starts fn(arg) on a new thread that takes no signals: they are the
 * interface's business, and each must break the main thread's wait for
 * input. Returns 0, or an error number (as pthread_create does). */
int
thread_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	pthread_attr_t	 attr;
	sigset_t	 all, old;
	struct start	*s = xcalloc(1, sizeof *s);
	int		 rc;

	s->fn = fn;
	s->arg = arg;
	if ((rc = pthread_attr_init(&attr)) != 0) {
		free(s);
		return rc;
	}
	start_elsewhere(&attr, s);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(t, &attr, begin, s);
	if (rc == EINVAL)
		/* The CPUs asked for went away meanwhile: anywhere, then. */
		rc = pthread_create(t, NULL, begin, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (rc != 0)
		free(s);
	return rc;
}
