/* sc-framework-json.h: a framework as JSON, for scripts and the CLI
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sc-framework.h"

G_BEGIN_DECLS

/* The shape documented for `scrutineer-cli framework show --json`. */
JsonNode *sc_framework_to_json (const ScFramework *framework);

G_END_DECLS
