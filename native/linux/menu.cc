#include "linux/menu.hh"

#include <memory>
#include <sstream>

namespace host {

namespace {
std::string trim(const std::string &text) {
  size_t start = text.find_first_not_of(" \t\r");
  if (start == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(start, end - start + 1);
}

bool parseItem(const std::string &line, MenuItem &item, std::string &error) {
  if (line == "---") return item.separator = true, true;
  size_t colon = line.find(':');
  item.label = trim(colon == std::string::npos ? line : line.substr(0, colon));
  if (item.label.empty()) return error = "a menu item has no label: '" + line + "'", false;
  if (colon == std::string::npos) return true;
  std::string rest = trim(line.substr(colon + 1));
  size_t plus = rest.find('+');
  item.key = trim(plus == std::string::npos ? rest : rest.substr(0, plus));
  item.modifiers = plus == std::string::npos ? "" : trim(rest.substr(plus + 1));
  return true;
}

struct Selection {
  std::string title, parent;
  MenuSelected selected;
};

GtkWidget *menuItemWidget(const MenuItem &item, const std::string &parent, GtkAccelGroup *accelerators, const MenuSelected &selected) {
  if (item.separator) return gtk_separator_menu_item_new();
  GtkWidget *widget = gtk_menu_item_new_with_label(item.label.c_str());
  auto *selection = new Selection{item.label, parent, selected};
  g_signal_connect_data(widget, "activate", G_CALLBACK(+[](GtkMenuItem *, gpointer data) {
    auto *s = static_cast<Selection *>(data);
    if (s->selected) s->selected(s->title, s->parent);
  }), selection, [](gpointer data, GClosure *) { delete static_cast<Selection *>(data); }, GConnectFlags(0));
  if (accelerators && item.key.size() == 1) {
    guint key = gdk_unicode_to_keyval(static_cast<unsigned char>(std::tolower(item.key[0])));
    int modifiers = 0;
    std::string mods = item.modifiers.empty() ? "CommandOrControl" : item.modifiers;
    if (mods.find("Command") != std::string::npos || mods.find("Control") != std::string::npos) modifiers |= GDK_CONTROL_MASK;
    if (mods.find("Shift") != std::string::npos) modifiers |= GDK_SHIFT_MASK;
    if (mods.find("Alt") != std::string::npos || mods.find("Option") != std::string::npos) modifiers |= GDK_MOD1_MASK;
    gtk_widget_add_accelerator(widget, "activate", accelerators, key, GdkModifierType(modifiers), GTK_ACCEL_VISIBLE);
  }
  return widget;
}
}  // namespace

bool parseMenuItems(const std::string &text, std::vector<MenuItem> &out, std::string &error) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    line = trim(line);
    if (!line.empty() && line.back() == ';') line = trim(line.substr(0, line.size() - 1));
    if (line.empty()) continue;
    MenuItem item;
    if (!parseItem(line, item, error)) return false;
    out.push_back(item);
  }
  return true;
}

bool parseMenus(const std::string &text, std::vector<Menu> &out, std::string &error) {
  std::string block;
  std::istringstream menus(text);
  int number = 0;
  while (std::getline(menus, block, ';')) {
    number++;
    std::istringstream lines(block);
    std::string line;
    Menu menu;
    bool titled = false;
    while (std::getline(lines, line)) {
      line = trim(line);
      if (line.empty()) continue;
      if (!titled) {
        if (line.back() != ':') return error = "menu " + std::to_string(number) + " must start with a title line ending in ':', got '" + line + "'", false;
        menu.title = trim(line.substr(0, line.size() - 1));
        titled = true;
        continue;
      }
      MenuItem item;
      if (!parseItem(line, item, error)) return false;
      menu.items.push_back(item);
    }
    if (titled) out.push_back(menu);
  }
  if (out.empty()) return error = "the menu text defines no menu", false;
  return true;
}

GtkWidget *buildMenuBar(const std::vector<Menu> &menus, GtkAccelGroup *accelerators, MenuSelected selected) {
  GtkWidget *bar = gtk_menu_bar_new();
  for (auto &menu : menus) {
    GtkWidget *top = gtk_menu_item_new_with_label(menu.title.c_str());
    GtkWidget *submenu = gtk_menu_new();
    for (auto &item : menu.items)
      gtk_menu_shell_append(GTK_MENU_SHELL(submenu), menuItemWidget(item, menu.title, accelerators, selected));
    gtk_menu_item_set_submenu(GTK_MENU_ITEM(top), submenu);
    gtk_menu_shell_append(GTK_MENU_SHELL(bar), top);
  }
  gtk_widget_show_all(bar);
  return bar;
}

GtkWidget *buildPopupMenu(const std::vector<MenuItem> &items, const std::string &parent, MenuSelected selected) {
  GtkWidget *menu = gtk_menu_new();
  for (auto &item : items) gtk_menu_shell_append(GTK_MENU_SHELL(menu), menuItemWidget(item, parent, nullptr, selected));
  gtk_widget_show_all(menu);
  return menu;
}

}  // namespace host
