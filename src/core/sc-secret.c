/* sc-secret.c: bytes that must never reach the disk or a log
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-secret.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "sc-store.h"

gboolean
sc_crypto_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_FAILED,
                   _("The cryptography library could not start"));
      return FALSE;
    }
  return TRUE;
}

ScSecret *
sc_secret_new (gsize len)
{
  ScSecret *secret = g_new0 (ScSecret, 1);

  /* Guarded memory needs the library started; starting it again is free. */
  if (sodium_init () < 0)
    g_error ("The cryptography library could not start");
  /* One spare byte keeps text secrets NUL-terminated. */
  secret->data = sodium_malloc (len + 1);
  if (secret->data == NULL)
    g_error ("Out of locked memory for %" G_GSIZE_FORMAT " secret bytes", len);
  memset (secret->data, 0, len + 1);
  secret->len = len;
  return secret;
}

ScSecret *
sc_secret_new_from_text (const char *text,
                         gssize      len)
{
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  ScSecret *secret = sc_secret_new (n);

  memcpy (secret->data, text, n);
  return secret;
}

ScSecret *
sc_secret_copy (const ScSecret *secret)
{
  return sc_secret_new_from_text ((const char *) secret->data, (gssize) secret->len);
}

/* Reads byte by byte into guarded memory, so the passphrase never sits in an
 * ordinary heap buffer that is freed without being wiped. */
ScSecret *
sc_secret_new_from_file (const char  *path,
                         GError     **error)
{
  const gsize max = 4096;
  g_autoptr (ScSecret) buffer = sc_secret_new (max);
  gsize n = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_FAILED,
                   _("Cannot read the passphrase file %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  while (n < max)
    {
      char c;
      ssize_t got = read (fd, &c, 1);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0 || c == '\n')
        break;
      buffer->data[n++] = (guint8) c;
    }
  close (fd);
  if (n > 0 && buffer->data[n - 1] == '\r')
    n--;
  return sc_secret_new_from_text ((const char *) buffer->data, (gssize) n);
}

void
sc_secret_free (ScSecret *secret)
{
  if (secret == NULL)
    return;
  sodium_free (secret->data);
  g_free (secret);
}

gboolean
sc_secret_equal (const ScSecret *a,
                 const ScSecret *b)
{
  return a->len == b->len && sodium_memcmp (a->data, b->data, a->len) == 0;
}
