/* main.c: scrutineer-central, the central store's service
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-central-cli.h"

int
main (int    argc,
      char **argv)
{
  return sc_central_main (argc, argv);
}
