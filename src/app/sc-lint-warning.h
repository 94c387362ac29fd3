/* sc-lint-warning.h: the confidentiality check, as the user types
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Watches a text buffer, underlines what sc_lint_check() finds, and shows
 * what it found and why under the text. The user rewords it, or keeps it as
 * written: kept findings are not flagged again in this buffer.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SC_TYPE_LINT_WARNING (sc_lint_warning_get_type ())
G_DECLARE_FINAL_TYPE (ScLintWarning, sc_lint_warning, SC, LINT_WARNING, GtkWidget)

GtkWidget *sc_lint_warning_new (GtkTextBuffer *buffer);
/* Checks now rather than after the next pause in typing. */
void       sc_lint_warning_check_now (ScLintWarning *self);
/* How many findings are shown (not kept). */
guint      sc_lint_warning_get_n_findings (ScLintWarning *self);

G_END_DECLS
