/* sc-roles.c: team roles as the user reads them
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-roles.h"

/* The same roles, in the same order, as sc_member_role_is_valid() accepts. */
static const struct
{
  const char *id;
  const char *label;
} roles[] = {
  { "lead", N_("Lead inspector") },
  { "deputy", N_("Deputy lead") },
  { "inspector", N_("Inspector") },
  { "associate", N_("Associate inspector") },
  { "volunteer", N_("Volunteer inspector") },
  { "support", N_("Support") },
};

#define DEFAULT_ROLE 2 /* inspector */

GtkStringList *
sc_roles_new_model (void)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (model, _(roles[i].label));
  return model;
}

const char *
sc_roles_get_id (guint position)
{
  return roles[position < G_N_ELEMENTS (roles) ? position : DEFAULT_ROLE].id;
}

guint
sc_roles_get_position (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (roles[i].id, id) == 0)
      return i;
  return DEFAULT_ROLE;
}

const char *
sc_roles_get_label (const char *id)
{
  return _(roles[sc_roles_get_position (id)].label);
}
