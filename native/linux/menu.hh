// Native menus from the original's menu text:
//   "File:\n  Open: o + CommandOrControl\n  ---\n  Quit: q;\nEdit:\n  Copy: c;"
// Menus end with ';'; each item is "Label: key [+ Modifier…]"; "---" is a separator. A context menu is the
// item lines alone.
#pragma once
#include <gtk/gtk.h>

#include <functional>
#include <string>
#include <vector>

namespace host {

struct MenuItem {
  std::string label;
  std::string key;       // accelerator key, may be empty
  std::string modifiers; // "CommandOrControl", "Shift", "Alt", joined by '+'
  bool separator = false;
};

struct Menu {
  std::string title;
  std::vector<MenuItem> items;
};

// Parses menu text; returns false with an error naming the line on malformed input.
bool parseMenus(const std::string &text, std::vector<Menu> &out, std::string &error);
bool parseMenuItems(const std::string &text, std::vector<MenuItem> &out, std::string &error);

using MenuSelected = std::function<void(const std::string &title, const std::string &parent)>;

// Builds a GtkMenuBar; `accelerators` receives the key bindings.
GtkWidget *buildMenuBar(const std::vector<Menu> &menus, GtkAccelGroup *accelerators, MenuSelected selected);
GtkWidget *buildPopupMenu(const std::vector<MenuItem> &items, const std::string &parent, MenuSelected selected);

}  // namespace host
