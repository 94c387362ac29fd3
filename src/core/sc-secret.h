/* sc-secret.h: bytes that must never reach the disk or a log
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passphrases, recovery codes and keys live in libsodium's guarded memory:
 * locked into RAM (never swapped), fenced by guard pages, and wiped on free.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint8 *data;
  gsize len;
} ScSecret;

/* Must be called once before anything else in the core that uses crypto. */
gboolean  sc_crypto_init (GError **error);

ScSecret *sc_secret_new (gsize len);
/* A copy of TEXT (LEN bytes, or up to its NUL when LEN is -1), NUL-terminated. */
ScSecret *sc_secret_new_from_text (const char *text,
                                   gssize      len);
/* The first line of a file, without its line ending. */
ScSecret *sc_secret_new_from_file (const char  *path,
                                   GError     **error);
ScSecret *sc_secret_copy (const ScSecret *secret);
void      sc_secret_free (ScSecret *secret);
gboolean  sc_secret_equal (const ScSecret *a,
                           const ScSecret *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSecret, sc_secret_free)

G_END_DECLS
