/* sc-cli.h: shared pieces of scrutineer-cli's commands
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

enum {
  SC_CLI_OK = 0,
  SC_CLI_USER_ERROR = 1,
  SC_CLI_USAGE_ERROR = 2,
};

/* Options given before the command name. */
typedef struct
{
  char *store_dir;
  char *passphrase_file;
} ScCliGlobal;

typedef int (*ScCliCommand) (ScCliGlobal *global,
                             int          argc,
                             char       **argv);

/* Parses ARGV (ARGV[0] being the command's own name) against ENTRIES;
 * prints a usage error and returns FALSE when they do not fit. */
gboolean sc_cli_parse_options (int                *argc,
                               char             ***argv,
                               const char         *parameter_string,
                               const char         *summary,
                               const GOptionEntry *entries);

int  sc_cli_usage (const char *format,
                   ...) G_GNUC_PRINTF (1, 2);
int  sc_cli_fail (const char *format,
                  ...) G_GNUC_PRINTF (1, 2);
void sc_cli_print_json (JsonNode *node);

int sc_cli_framework (ScCliGlobal *global,
                      int          argc,
                      char       **argv);

G_END_DECLS
