/* Starting helper threads that leave signals to the main thread. */
#ifndef READER_THREAD_H
#define READER_THREAD_H

#include <pthread.h>

int	 thread_start(pthread_t *, void *(*)(void *), void *);

#endif
