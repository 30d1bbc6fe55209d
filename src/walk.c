/* Depth-first directory walk with an explicit stack. */
#include "system.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docio.h"
#include "walk.h"
#include "xmalloc.h"

struct frame {
	DIR	*dir;
	char	*path;
	dev_t	 dev;
	ino_t	 ino;
};

/* A symbolic link to a directory of the library, entered after every
 * directory reached without one. */
struct later {
	char		*path;
	struct stat	 st;
};

struct walk {
	struct frame	*stack;
	size_t		 depth;
	char		*root;		/* a single file to yield, or NULL */
	struct stat	 root_st;
	char		*cur;		/* the path last handed out */
	struct walk_dir	*dirs;		/* every directory entered */
	size_t		 ndirs;
	bool		 linked;	/* a file came through a link */
	char		*real;		/* the library's real path, or NULL */
	struct later	*later;		/* links to directories, to enter */
	size_t		 nlater;
	size_t		 next_later;
};

/* Whether the directory path (st) was entered before; if not, it is now. */
static bool
seen_dir(struct walk *w, const char *path, const struct stat *st)
{
	struct walk_dir	*d;
	size_t		 i;

	for (i = 0; i < w->ndirs; i++)
		if (w->dirs[i].dev == st->st_dev && w->dirs[i].ino == st->st_ino)
			return true;
	w->dirs = xreallocarray(w->dirs, w->ndirs + 1, sizeof *w->dirs);
	d = &w->dirs[w->ndirs++];
	d->path = xstrdup(path);
	d->dev = st->st_dev;
	d->ino = st->st_ino;
	d->mtime = st->st_mtim;
	d->ctime = st->st_ctim;
	d->seen = time(NULL);
	return false;
}

/* At the end of a walk: gives away the directories it entered, in the
 * order it did (the caller frees them with walk_dirs_free()), and says
 * whether every file found was named in one of them: none came through a
 * symbolic link, whose target can change while they stay the same. */
size_t
walk_take_dirs(struct walk *w, struct walk_dir **dirs, bool *own)
{
	size_t	n = w->ndirs;

	*dirs = w->dirs;
	*own = !w->linked;
	w->dirs = NULL;
	w->ndirs = 0;
	return n;
}

/* Frees n directories (walk_take_dirs()'s, or the walk's own). */
void
walk_dirs_free(struct walk_dir *dirs, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(dirs[i].path);
	free(dirs);
}

static int
push_dir(struct walk *w, char *path, const struct stat *st, bool link,
    struct causes *c)
{
	DIR	*d;

	if (seen_dir(w, path, st)) {
		docio_tell(c, path, link ? _("symbolic link to a directory "
		    "already read, skipped") : _("directory already visited "
		    "(a symbolic link loop?), skipped"), false);
		free(path);
		return 0;
	}
	if (w->depth >= WALK_MAX_DEPTH) {
		docio_tell(c, path, _("directories nested too deeply, "
		    "skipped"), false);
		free(path);
		return 0;
	}
	if ((d = opendir(path)) == NULL) {
		docio_tell_errno(c, path, errno, true);
		free(path);
		return -1;
	}
	w->stack = xreallocarray(w->stack, w->depth + 1, sizeof *w->stack);
	w->stack[w->depth].dir = d;
	w->stack[w->depth].path = path;
	w->stack[w->depth].dev = st->st_dev;
	w->stack[w->depth].ino = st->st_ino;
	w->depth++;
	return 0;
}

/* Starts a walk at path. Returns NULL (with a cause) if path cannot be
 * read or is neither a regular file nor a directory. */
struct walk *
walk_open(const char *path, struct causes *c)
{
	struct walk	*w;
	struct stat	 st;

	if (stat(path, &st) != 0) {
		docio_tell_errno(c, path, errno, true);
		return NULL;
	}
	if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		docio_tell(c, path, _("not a regular file or directory"), true);
		return NULL;
	}
	w = xcalloc(1, sizeof *w);
	if (S_ISREG(st.st_mode)) {
		w->root = xstrdup(path);
		w->root_st = st;
	} else {
		w->real = realpath(path, NULL);
		if (push_dir(w, xstrdup(path), &st, false, c) != 0) {
			walk_close(w);
			return NULL;
		}
	}
	return w;
}

/* Whether the real path of a directory is the library's or below it: a
 * link is followed only there, never out of the library (up -> ..
 * would walk everything above it). */
static bool
inside(const struct walk *w, const char *path)
{
	char	*real;
	size_t	 len;
	bool	 in;

	if (w->real == NULL || (real = realpath(path, NULL)) == NULL)
		return false;
	len = strlen(w->real);
	in = strncmp(real, w->real, len) == 0 && (real[len] == '\0' ||
	    real[len] == '/' || (len > 0 && w->real[len - 1] == '/'));
	free(real);
	return in;
}

/* Keeps the link path to directory st, to be entered once every
 * directory reached without a link has been: a link to a directory of
 * the library is then the one reported as already read, not the
 * directory itself. */
static void
enter_later(struct walk *w, char *path, const struct stat *st)
{
	w->later = xreallocarray(w->later, w->nlater + 1, sizeof *w->later);
	w->later[w->nlater].path = path;
	w->later[w->nlater].st = *st;
	w->nlater++;
}

/* Whether the entry name of directory fd is a symbolic link. */
static bool
is_link(int fd, const struct dirent *de)
{
	struct stat	st;

	if (de->d_type != DT_UNKNOWN)
		return de->d_type == DT_LNK;
	return fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode);
}

static void
fill(struct walk_entry *e, char *path, const struct stat *st)
{
	e->path = path;
	e->dev = st->st_dev;
	e->ino = st->st_ino;
	e->size = st->st_size;
	e->mtime = st->st_mtime;
	e->have_stat = true;
	e->dirfd = AT_FDCWD;
	e->name = path;
}

static void
pop_dir(struct walk *w)
{
	struct frame	*f = &w->stack[--w->depth];

	closedir(f->dir);
	free(f->path);
}

/* Returns dir/name. Caller frees. (Once per file of the library, so no
 * printf.) */
static char *
join(const char *dir, const char *name)
{
	size_t	dl = strlen(dir), nl = strlen(name), slash;
	char	*p;

	slash = dl > 0 && dir[dl - 1] == '/' ? 0 : 1;
	p = xmalloc(dl + slash + nl + 1);
	memcpy(p, dir, dl);
	if (slash)
		p[dl] = '/';
	memcpy(p + dl + slash, name, nl + 1);
	return p;
}

/* Hands out the next regular file in *e. Returns 1, or 0 at the end.
 * Problems on the way are added to c and the walk goes on. */
int
walk_next(struct walk *w, struct walk_entry *e, struct causes *c)
{
	struct dirent	*de;
	struct stat	 st;
	struct frame	*f;
	char		*path;

	x_free(w->cur);
	if (w->root != NULL) {
		w->cur = w->root;
		w->root = NULL;
		fill(e, w->cur, &w->root_st);
		return 1;
	}
	for (;;) {
		if (w->depth == 0) {
			if (w->next_later == w->nlater)
				break;
			path = w->later[w->next_later].path;
			w->later[w->next_later].path = NULL;
			push_dir(w, path, &w->later[w->next_later++].st, true,
			    c);
			continue;
		}
		f = &w->stack[w->depth - 1];
		errno = 0;
		if ((de = readdir(f->dir)) == NULL) {
			if (errno != 0)
				docio_tell_errno(c, f->path, errno, true);
			pop_dir(w);
			continue;
		}
		if (de->d_name[0] == '.')
			continue;
		path = join(f->path, de->d_name);
		if (de->d_type == DT_REG) {
			/* Trust the directory: the file is opened (or asked
			 * for its size) later anyway, so a stat now would be
			 * one system call too many for each of 100,000. */
			w->cur = path;
			e->path = path;
			e->dev = f->dev;
			e->ino = de->d_ino;
			e->size = 0;
			e->mtime = 0;
			e->have_stat = false;
			e->dirfd = dirfd(f->dir);
			e->name = de->d_name;
			return 1;
		}
		if (fstatat(dirfd(f->dir), de->d_name, &st, 0) != 0) {
			docio_tell_errno(c, path, errno, true);
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (!is_link(dirfd(f->dir), de))
				push_dir(w, path, &st, false, c);
			else if (inside(w, path))
				enter_later(w, path, &st);
			else {
				docio_tell(c, path, _("symbolic link to a "
				    "directory outside the library, skipped"),
				    false);
				free(path);
			}
			continue;
		}
		if (!S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		/* A symbolic link (or a file system that does not say): what
		 * it leads to can change with no directory of the walk. */
		w->linked = true;
		w->cur = path;
		fill(e, path, &st);
		e->dirfd = dirfd(f->dir);
		e->name = de->d_name;
		return 1;
	}
	return 0;
}

/* Ends a walk and frees it. */
void
walk_close(struct walk *w)
{
	if (w == NULL)
		return;
	while (w->depth > 0)
		pop_dir(w);
	free(w->stack);
	free(w->root);
	free(w->cur);
	walk_dirs_free(w->dirs, w->ndirs);
	while (w->nlater > 0)
		free(w->later[--w->nlater].path);
	free(w->later);
	free(w->real);
	free(w);
}
