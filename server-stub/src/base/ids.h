/* base/ids.h - the sizes of the ids every layer passes around (users, entities, epochs). */
#ifndef MS_IDS_H
#define MS_IDS_H

/* Room for ids such as "usr_" + 16 hex and the seeded company/building ids. */
#define MS_ID_MAX 40
/* Room for a client's IP address as text (INET6_ADDRSTRLEN). */
#define MS_ADDRESS_MAX 46
/* Room for an epoch id ("ep_" + 16 hex). */
#define MS_EPOCH_MAX 40

#endif
