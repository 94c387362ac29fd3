/* sc-accessible.h: accessibility fixes for widgets the app does not own
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* libadwaita 1.2 leaves the show-passphrase button of a password row
 * without a name; screen readers then say only "button". */
void sc_accessible_name_peek_button (AdwPasswordEntryRow *row);

G_END_DECLS
