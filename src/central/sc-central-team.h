/* sc-central-team.h: reading a team bundle sealed to the central store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lead enrols the central store's identity card and exports a team bundle
 * to it. The central store opens its recipient slot with its own box key,
 * and reads the rows with the bundle code's own reader (safe XML, bounded
 * memory), keeping only what national reporting needs: the framework, the
 * inspection's lead, and every level proposed for every indicator. No
 * rationale, note, answer or record leaves the bundle.
 */
#pragma once

#include "sc-central-db.h"

G_BEGIN_DECLS

/* The bundle's bytes are in FD (SIZE of them), checked already by
 * sc_central_upload_check(). Fails when it is not a team bundle addressed to
 * IDENTITY, or does not decrypt, or its rows do not read. */
ScCentralTeam *sc_central_team_read (int                      fd,
                                     guint64                  size,
                                     const ScCentralIdentity *identity,
                                     GError                 **error);

/* TRUE when BUNDLE is a team bundle with IDENTITY among its recipients. */
gboolean       sc_central_team_is_for (const ScCentralBundle   *bundle,
                                       const ScCentralIdentity *identity);

G_END_DECLS
