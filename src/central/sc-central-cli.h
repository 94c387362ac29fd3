/* sc-central-cli.h: scrutineer-central's commands
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* serve, enrol, revoke, identity export, status, check; returns the exit
 * status: 0 done, 1 a user error (one line on stderr per problem), 2 a usage
 * error. */
int sc_central_main (int    argc,
                     char **argv);

G_END_DECLS
