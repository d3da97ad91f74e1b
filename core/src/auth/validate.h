/* auth/validate.h - checks on what a member types into the profile and intent forms. Pure. */
#ifndef MCI_AUTH_VALIDATE_H
#define MCI_AUTH_VALIDATE_H

#include <stdbool.h>

#include "membercore/auth.h"

/* MC_OK, or MC_ERR_INVALID_ARG naming the first bad field. */
mc_status mci_profile_validate(const mc_profile *profile, mc_error *err);
mc_status mci_intent_validate(const mc_intent_details *details, mc_error *err);

/* An OTP as typed: exactly six ASCII digits. */
bool mci_otp_code_valid(const char *code);

#endif
