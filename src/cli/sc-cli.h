/* sc-cli.h: shared pieces of scrutineer-cli's commands
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sc-secret.h"
#include "sc-store.h"

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
  char *inspection;
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
/* Prints ERROR's message, one line per problem, and returns the exit status. */
int  sc_cli_fail_error (const GError *error);

/* The store directory: --store, else the default. */
char     *sc_cli_store_dir (ScCliGlobal *global);
/* From --passphrase-file, else asked on the terminal without echo (twice
 * when CONFIRM). */
ScSecret *sc_cli_read_passphrase (ScCliGlobal *global,
                                  const char  *prompt,
                                  gboolean     confirm,
                                  GError     **error);
ScSecret *sc_cli_read_secret (const char  *file,
                              const char  *prompt,
                              gboolean     confirm,
                              GError     **error);
ScStore  *sc_cli_open_store (ScCliGlobal *global,
                             GError     **error);
/* An option entry for --inspection, filling GLOBAL->inspection. */
#define SC_CLI_INSPECTION_ENTRY(global) \
  { "inspection", 0, 0, G_OPTION_ARG_STRING, &(global)->inspection, \
    N_("The inspection to work on (default: the only open one)"), N_("ID") }

int sc_cli_framework (ScCliGlobal *global,
                      int          argc,
                      char       **argv);
int sc_cli_lint (ScCliGlobal *global,
                 int          argc,
                 char       **argv);
int sc_cli_init (ScCliGlobal *global,
                 int          argc,
                 char       **argv);
int sc_cli_passwd (ScCliGlobal *global,
                   int          argc,
                   char       **argv);
int sc_cli_check (ScCliGlobal *global,
                  int          argc,
                  char       **argv);
int sc_cli_demo (ScCliGlobal *global,
                 int          argc,
                 char       **argv);
int sc_cli_inspections (ScCliGlobal *global,
                        int          argc,
                        char       **argv);
int sc_cli_records (ScCliGlobal *global,
                    int          argc,
                    char       **argv);
int sc_cli_reading (ScCliGlobal *global,
                    int          argc,
                    char       **argv);

int sc_cli_stats (ScCliGlobal *global,
                  int          argc,
                  char       **argv);

/* Double reading (sc-cli-double.c) */
int sc_cli_allocate (ScCliGlobal *global,
                     int          argc,
                     char       **argv);
int sc_cli_reallocate (ScCliGlobal *global,
                       int          argc,
                       char       **argv);
int sc_cli_compare (ScCliGlobal *global,
                    int          argc,
                    char       **argv);
int sc_cli_moderate (ScCliGlobal *global,
                     int          argc,
                     char       **argv);
int sc_cli_stats_inspection (ScCliGlobal *global,
                             int          argc,
                             char       **argv);
int sc_cli_report (ScCliGlobal *global,
                   int          argc,
                   char       **argv);

/* Identities and bundles (sc-cli-bundle.c) */
int sc_cli_identity (ScCliGlobal *global,
                     int          argc,
                     char       **argv);
int sc_cli_enrol (ScCliGlobal *global,
                  int          argc,
                  char       **argv);
int sc_cli_revoke (ScCliGlobal *global,
                   int          argc,
                   char       **argv);
int sc_cli_bundle (ScCliGlobal *global,
                   int          argc,
                   char       **argv);

/* Syncing with the central store (sc-cli-sync.c) */
int sc_cli_sync (ScCliGlobal *global,
                 int          argc,
                 char       **argv);

G_END_DECLS
