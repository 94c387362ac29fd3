/* sc-central-server.h: the central store's HTTP service
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on the thread-default main context of whoever creates it. The
 * checks that need only the headers run as soon as they arrive; the work
 * that touches the database runs on a small pool of threads, with the message
 * paused meanwhile, so one slow request never holds up the others. See
 * sc-sync.h for the API and sc-central-auth.h for the order of the checks.
 */
#pragma once

#include <gio/gio.h>

#include "sc-central-db.h"

G_BEGIN_DECLS

typedef struct _ScCentralServer ScCentralServer;

/* Parses "ADDR:PORT" ("127.0.0.1:8443", "[::1]:8443", "localhost:0"). */
GSocketAddress  *sc_central_parse_listen (const char *text,
                                          GError    **error);

/* DB is borrowed and must outlive the server. CERTIFICATE, when not NULL,
 * makes the server speak HTTPS only; without it, only loopback addresses
 * are accepted by sc_central_server_listen(). */
ScCentralServer *sc_central_server_new (ScCentralDb     *db,
                                        GTlsCertificate *certificate,
                                        gboolean         log_requests);
void             sc_central_server_free (ScCentralServer *self);
/* Returns the URL it listens on (with the port chosen when 0 was asked). */
char            *sc_central_server_listen (ScCentralServer *self,
                                           GSocketAddress  *address,
                                           GError         **error);
/* The largest request body accepted (default SC_CENTRAL_MAX_BODY). */
void             sc_central_server_set_max_body (ScCentralServer *self,
                                                 guint64          max_body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCentralServer, sc_central_server_free)

G_END_DECLS
