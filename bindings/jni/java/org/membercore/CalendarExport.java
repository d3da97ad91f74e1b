package org.membercore;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.jetbrains.annotations.NotNull;

/**
 * The member's calendar as an iCalendar file ({@code membercore/calendar.h}, RFC 5545):
 * {@code core.calendar()}. Room bookings, desk days, day passes and the events the member is
 * going to, each in its building's time zone (a VTIMEZONE per zone); pending ones are
 * {@code STATUS:TENTATIVE}; cancelled, released and expired ones are left out. It is named
 * {@code CalendarExport}, not {@code Calendar}, so that it sits beside {@code java.util.Calendar}.
 *
 * <p>Any thread; local, no network. Every method throws {@link IllegalStateException} once the
 * {@link MemberCore} is closed.
 */
public final class CalendarExport {
    private final MemberCore core;

    CalendarExport(MemberCore core) {
        this.core = core;
    }

    /** {@link #ics(long, long)} of everything. */
    public @NotNull String ics() {
        return ics(0, 0);
    }

    /**
     * The iCalendar text (CRLF line ends) of what ends on or after {@code fromMs} and starts
     * before {@code toMs} (0: no bound). Errors: INVALID_ARG (toMs before fromMs), UNAUTHORIZED,
     * STORAGE.
     */
    public @NotNull String ics(final long fromMs, final long toMs) {
        return core.call(h -> Native.calendarExport(h, fromMs, toMs));
    }

    /** {@link #ics(long, long)} written to {@code file} as UTF-8 (a {@code .ics} file to share). */
    public void writeTo(@NotNull File file, long fromMs, long toMs) throws IOException {
        MemberCore.require(file, "file");
        Files.write(file.toPath(), ics(fromMs, toMs).getBytes(StandardCharsets.UTF_8));
    }
}
