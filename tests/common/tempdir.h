/* tests/common/tempdir.h - fresh temporary directories for tests, removed with their contents. */
#ifndef TESTS_TEMPDIR_H
#define TESTS_TEMPDIR_H

/* A new empty directory under $TMPDIR (malloc'd path); aborts the test on failure. */
char *tempdir_new(void);

/* Remove dir and everything in it, then free the path. NULL is accepted. */
void tempdir_free(char *dir);

/* dir + "/" + name, malloc'd. */
char *tempdir_path(const char *dir, const char *name);

#endif
