/* sc-demo-session.h: a throwaway store holding the demo inspection
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `scrutineer --demo` works on a store in a fresh temporary directory, under
 * a passphrase generated for it and kept only in memory. Freeing the session
 * removes the directory.
 */
#pragma once

#include <gio/gio.h>

#include "sc-store.h"

G_BEGIN_DECLS

typedef struct _ScDemoSession ScDemoSession;

/* Creates the store and fills it, in a worker thread (key derivation and a
 * few thousand rows). */
void           sc_demo_session_new_async (GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
ScDemoSession *sc_demo_session_new_finish (GAsyncResult  *result,
                                           GError       **error);

/* The open store; the caller owns it and must close it before freeing the
 * session. */
ScStore        *sc_demo_session_steal_store (ScDemoSession *self);
const char     *sc_demo_session_get_dir (ScDemoSession *self);
const char     *sc_demo_session_get_inspection (ScDemoSession *self);
const ScSecret *sc_demo_session_get_passphrase (ScDemoSession *self);
/* Removes the store's directory and wipes the passphrase. */
void            sc_demo_session_free (ScDemoSession *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScDemoSession, sc_demo_session_free)

G_END_DECLS
