/*
 * memberctl.h - what memberctl's files share: the run context, the exit
 * codes and the command table entries each cmd_*.c defines.
 */
#ifndef MEMBERCTL_H
#define MEMBERCTL_H

#include <stdbool.h>
#include <stdint.h>

#include <membercore/membercore.h>

struct args;

/* Exit codes: success, a usage error, an error reported by the core. */
#define MEMBERCTL_EXIT_OK    0
#define MEMBERCTL_EXIT_USAGE 1
#define MEMBERCTL_EXIT_CORE  2

/* The state of one run: the global options and the client, opened lazily. */
typedef struct app {
    const char *server_url;
    const char *ca_file; /* mc_config.tls_ca_file, or NULL */
    const char *pins;    /* mc_config.tls_pins joined by commas, or NULL */
    const char *data_dir;
    bool json;
    char *data_dir_owned; /* data_dir when memberctl built it (freed by app_close) */
    mc_client *client;
} app;

/* One command: its name, one-line synopsis and summary, full help, and body. */
typedef struct command {
    const char *name;
    const char *synopsis; /* "login PHONE" */
    const char *summary;  /* for the command list */
    const char *help;     /* printed by "memberctl COMMAND --help" */
    int (*run)(app *a, const struct command *self, int argc, char **argv);
} command;

/*
 * Resolve the server URL and data directory from the options already set
 * (NULL when not given), then the environment, then the defaults. Returns
 * false with a message in msg when no data directory can be found.
 */
bool app_resolve(app *a, char *msg, size_t msg_cap);

/* The client, opened on first use over a->data_dir and a->server_url. */
mc_status app_client(app *a, mc_client **out, mc_error *err);

/* Close the client and free what the app owns. */
void app_close(app *a);

/*
 * What every command does first (command.c). command_parse parses the words
 * after the command name into p and answers --help and usage errors: it
 * returns COMMAND_CONTINUE, or the exit code to return at once.
 * command_client opens the client the same way (an error is printed).
 */
#define COMMAND_CONTINUE (-1)
int command_parse(app *a, const command *self, struct args *p, int argc, char **argv);
int command_client(app *a, mc_client **out);

/* command_parse, then command_client: for a command that checks nothing
 * between its words and the core. */
int command_start(app *a, const command *self, struct args *p, int argc, char **argv,
                  mc_client **out);

/* command_parse, then a usage error "missing FIRST" when no positional word was given
 * (first names it: "TICKET (its number, e.g. T-1001, or its id)"), then command_client. */
int command_start_with(app *a, const command *self, struct args *p, int argc, char **argv,
                       const char *first, mc_client **out);
/* The signed-in member's own building into out (for a command whose --building B
 * defaults to it): COMMAND_CONTINUE, or the exit code of a core error or of the usage
 * error asking for --building when the member has none. */
int command_own_building(app *a, const command *self, mc_client *client, char *out, size_t out_cap);

/* Today's date ("YYYY-MM-DD", DATETIME_DATE_MAX bytes) in the member's building by this
 * machine's clock, from the local store; "" when it cannot be known. */
void command_building_today(mc_client *client, char *out, size_t out_cap);

/* What Razorpay checkout returned for an order, as typed: "ID --order O --payment P
 * --signature S" (pay-booking, desks pay). The strings point into argv. */
typedef struct checkout_answer {
    const char *id;
    const char *order_id;
    const char *payment_id;
    const char *signature;
} checkout_answer;

/* Parse it into *out: COMMAND_CONTINUE, or the exit code of --help or a usage error (a
 * missing first word, named by first, or a missing option). */
int command_checkout_answer(app *a, const command *self, int argc, char **argv, const char *first,
                            checkout_answer *out);

/* The positional word that names a ticket (tickets and staff tickets). */
#define TICKET_ARG "TICKET (its number, e.g. T-1001, or its id)"

/* Print "usage: memberctl SYNOPSIS" and the command's help on stdout; 0. */
int command_help(const command *self);

/*
 * sync --watch (cmd_watch.c), run by the sync command: the background sync
 * with its events and status printed until SIGINT or SIGTERM, or for seconds
 * (< 0: no limit). Returns the exit code.
 */
int sync_watch(app *a, mc_client *client, int32_t seconds);

/* The commands (cmd_auth.c, cmd_account.c, cmd_sync.c, cmd_outbox.c,
 * cmd_events.c, cmd_notifications.c, cmd_rooms.c, cmd_bookings.c,
 * cmd_passes.c, cmd_billing.c, cmd_qr.c, cmd_buildings.c, cmd_tickets.c,
 * cmd_visitors.c, cmd_push.c). */
extern const command cmd_login;
extern const command cmd_verify;
extern const command cmd_profile;
extern const command cmd_intent;
extern const command cmd_logout;
extern const command cmd_whoami;
extern const command cmd_sync;
extern const command cmd_status;
extern const command cmd_outbox;
extern const command cmd_events;
extern const command cmd_rsvp;
extern const command cmd_notifications;
extern const command cmd_read;
extern const command cmd_rooms;
extern const command cmd_pay_booking;
extern const command cmd_bookings;
extern const command cmd_cancel;
extern const command cmd_credits;
extern const command cmd_passes;
extern const command cmd_pay;
extern const command cmd_invoices;
extern const command cmd_membership;
extern const command cmd_qr;
extern const command cmd_buildings;
extern const command cmd_staff;
extern const command cmd_tickets;
extern const command cmd_visitors;
extern const command cmd_push;
/* Issue 13 (cmd_today.c, cmd_desks.c, cmd_announcements.c, cmd_offers.c, cmd_calendar.c). */
extern const command cmd_today;
extern const command cmd_desks;
extern const command cmd_announcements;
extern const command cmd_offers;
extern const command cmd_calendar;
/* Issue 14 (cmd_store.c). */
extern const command cmd_store;

#endif /* MEMBERCTL_H */
