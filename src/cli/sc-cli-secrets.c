/* sc-cli-secrets.c: passphrases for scrutineer-cli, never from argv
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-cli.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define MAX_SECRET 1024

char *
sc_cli_store_dir (ScCliGlobal *global)
{
  return global->store_dir != NULL ? g_strdup (global->store_dir) : sc_store_default_dir ();
}

/* Reads one line from the terminal with echo off, into guarded memory. */
static ScSecret *
ask_terminal (const char *prompt,
              GError    **error)
{
  g_autoptr (ScSecret) buffer = sc_secret_new (MAX_SECRET);
  struct termios saved, quiet;
  gsize n = 0;
  int fd = open ("/dev/tty", O_RDWR | O_CLOEXEC);

  if (fd < 0 || tcgetattr (fd, &saved) != 0)
    {
      if (fd >= 0)
        close (fd);
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_FAILED,
                   _("No passphrase given: use --passphrase-file FILE, or run this in a "
                     "terminal"));
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  if (write (fd, prompt, strlen (prompt)) < 0 || tcsetattr (fd, TCSAFLUSH, &quiet) != 0)
    {
      close (fd);
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_FAILED,
                   _("Cannot turn off the terminal's echo to ask for the passphrase"));
      return NULL;
    }
  while (n < MAX_SECRET)
    {
      char c;
      ssize_t got = read (fd, &c, 1);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0 || c == '\n' || c == '\r')
        break;
      buffer->data[n++] = (guint8) c;
    }
  tcsetattr (fd, TCSAFLUSH, &saved);
  close (fd);
  return sc_secret_new_from_text ((const char *) buffer->data, (gssize) n);
}

ScSecret *
sc_cli_read_secret (const char  *file,
                    const char  *prompt,
                    gboolean     confirm,
                    GError     **error)
{
  g_autoptr (ScSecret) first = NULL;
  g_autoptr (ScSecret) second = NULL;

  if (!sc_crypto_init (error))
    return NULL;
  if (file != NULL)
    return sc_secret_new_from_file (file, error);
  first = ask_terminal (prompt, error);
  if (first == NULL || !confirm)
    return g_steal_pointer (&first);
  second = ask_terminal (_("Type it again: "), error);
  if (second == NULL)
    return NULL;
  if (!sc_secret_equal (first, second))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_WRONG_PASSPHRASE,
                   _("The two passphrases differ; nothing was changed"));
      return NULL;
    }
  return g_steal_pointer (&first);
}

ScSecret *
sc_cli_read_passphrase (ScCliGlobal *global,
                        const char  *prompt,
                        gboolean     confirm,
                        GError     **error)
{
  return sc_cli_read_secret (global->passphrase_file, prompt, confirm, error);
}

ScStore *
sc_cli_open_store (ScCliGlobal *global,
                   GError     **error)
{
  g_autofree char *dir = sc_cli_store_dir (global);
  g_autoptr (ScSecret) passphrase = NULL;

  if (!sc_store_exists (dir))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("There is no store in %s; create one with “scrutineer-cli init”"), dir);
      return NULL;
    }
  passphrase = sc_cli_read_passphrase (global, _("Passphrase: "), FALSE, error);
  if (passphrase == NULL)
    return NULL;
  return sc_store_open (dir, passphrase, error);
}
