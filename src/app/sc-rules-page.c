/* sc-rules-page.c: the rules between judgements, in plain language
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-describe.h"
#include "sc-rules-page.h"

struct _ScRulesPage
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkBox   *box;
};

G_DEFINE_FINAL_TYPE (ScRulesPage, sc_rules_page, GTK_TYPE_WIDGET)

/* The rule's own explanation, else the full names of the judgements it watches. */
static char *
rule_subtitle (const ScRule *rule)
{
  g_autoptr (GString) names = g_string_new (NULL);

  if (rule->text != NULL)
    return g_strdup (sc_text_get (rule->text));

  for (guint i = 0; i < rule->when_any->len; i++)
    {
      g_autofree char *name = sc_describe_indicator (g_ptr_array_index (rule->when_any, i));

      if (i > 0)
        g_string_append_c (names, '\n');
      g_string_append (names, name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static GtkWidget *
rule_row_new (const ScRule *rule)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *sentence = sc_describe_rule (rule);
  g_autofree char *subtitle = rule_subtitle (rule);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sentence);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
  return row;
}

void
sc_rules_page_set_framework (ScRulesPage *self,
                             ScFramework *framework)
{
  GtkWidget *child;
  GtkWidget *group;
  GPtrArray *rules;

  g_return_if_fail (SC_IS_RULES_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);

  rules = framework != NULL ? sc_framework_get_rules (framework) : NULL;
  if (rules == NULL || rules->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Limiting Rules"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A low judgement in one place caps another."));
  for (guint i = 0; i < rules->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               rule_row_new (g_ptr_array_index (rules, i)));

  gtk_box_append (self->box, group);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
sc_rules_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SC_TYPE_RULES_PAGE);

  G_OBJECT_CLASS (sc_rules_page_parent_class)->dispose (object);
}

static void
sc_rules_page_class_init (ScRulesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_rules_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-rules-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScRulesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ScRulesPage, box);
}

static void
sc_rules_page_init (ScRulesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
