/*
 * bindings/jni/src/natives_calendar.c - the member's calendar as iCalendar text
 * (membercore/calendar.h), handed to Java as one String. No classes of its own.
 */
#include "glue.h"

#define S MCJ_S

static jstring calendar_export(JNIEnv *env, jclass cls, jlong h, jlong from_ms, jlong to_ms)
{
    (void)cls;
    char *ics = NULL;
    mc_error err = MC_ERROR_INIT;
    jstring text = NULL;
    if (mc_calendar_export(mcj_handle(h)->client, (int64_t)from_ms, (int64_t)to_ms, &ics, NULL,
                           &err) != MC_OK)
        mcj_throw_error(env, &err);
    else
        text = mcj_str(env, ics);
    mc_calendar_free(ics);
    return text;
}

static const JNINativeMethod natives[] = {
    {"calendarExport", "(JJJ)" S, (void *)calendar_export},
};

/* Natives only: it caches no class. */
const mcj_area mcj_calendar_area = {"calendar", NULL, 0, natives, MCJ_COUNT(natives)};
