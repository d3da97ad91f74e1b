/* base/log.h - one-line diagnostics to stderr. Callers never pass OTPs, tokens or secrets. */
#ifndef MS_LOG_H
#define MS_LOG_H

void ms_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
