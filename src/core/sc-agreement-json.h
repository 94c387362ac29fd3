/* sc-agreement-json.h: agreement statistics as JSON, for scripts and the CLI
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sc-agreement.h"

G_BEGIN_DECLS

/* The object documented for `scrutineer-cli stats agreement --json`: every
 * key is always there, null where a statistic does not apply or is
 * undefined for these data. */
JsonNode *sc_agreement_to_json (const ScAgreement *agreement);

G_END_DECLS
