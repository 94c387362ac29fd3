/* sc-roles.h: team roles as the user reads them
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The roles in the order offered, as translated labels, for a drop-down. */
GtkStringList *sc_roles_new_model (void);
/* The stored name ("lead", "inspector", …) of the role at POSITION in the model. */
const char    *sc_roles_get_id (guint position);
/* The position of the role called ID, or that of "inspector" when unknown. */
guint          sc_roles_get_position (const char *id);
/* The translated label of the role called ID. */
const char    *sc_roles_get_label (const char *id);

G_END_DECLS
