/* sc-create-store-page.h: first run, creating the encrypted store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-store.h"

G_BEGIN_DECLS

#define SC_TYPE_CREATE_STORE_PAGE (sc_create_store_page_get_type ())

G_DECLARE_FINAL_TYPE (ScCreateStorePage, sc_create_store_page, SC, CREATE_STORE_PAGE, GtkWidget)

/* Where to create the store; also starts the page over. */
void     sc_create_store_page_set_dir (ScCreateStorePage *self,
                                       const char        *dir);
/* After "done" (the user has confirmed keeping the recovery code): the open
 * store, owned by the caller from then on. */
ScStore *sc_create_store_page_steal_store (ScCreateStorePage *self);

G_END_DECLS
