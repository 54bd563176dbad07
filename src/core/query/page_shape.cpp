#include "core/query/page_shape.hpp"

#include <optional>

namespace mdvault::core::query {

namespace {

/// The key of an index node when it is written out (`a.b`, `a["b"]`); nullopt for a number or
/// other literal, which cannot read a field of an object.
struct IndexKey {
  bool fixed = false; ///< the key is a literal (a name, a string, a number...)
  std::optional<std::string> name;
};

IndexKey index_key(const Expr& index) {
  const Expr& key = *index.right;
  if (key.kind == Expr::Kind::literal) {
    if (key.value.is_string()) return {true, key.value.as_string()};
    return {true, std::nullopt};
  }
  return {false, std::nullopt};
}

class ShapeWalker {
public:
  explicit ShapeWalker(PageShape& shape) : m_shape(shape) {}

  void visit(const Expr* e, const Expr* parent) {
    if (e == nullptr) return;
    if (yields_file(*e) && !read_by_name(*e, parent)) m_whole_file = true;
    switch (e->kind) {
    case Expr::Kind::literal:
      return;
    case Expr::Kind::variable:
      m_shape.names.insert(e->name);
      return;
    case Expr::Kind::index: {
      const IndexKey key = index_key(*e);
      if (!key.fixed) m_opaque = true; // row[expr], file[expr]: any name can be read
      if (key.name) m_shape.names.insert(*key.name);
      visit(e->left.get(), e);
      visit(e->right.get(), e); // `a[b]` reads the field b as well
      return;
    }
    case Expr::Kind::function:
      if (e->left->kind != Expr::Kind::variable) visit(e->left.get(), e);
      for (const auto& item : e->items)
        visit(item.get(), e);
      return;
    default:
      visit(e->left.get(), e);
      visit(e->right.get(), e);
      for (const auto& item : e->items)
        visit(item.get(), e);
      for (const auto& entry : e->entries)
        visit(entry.second.get(), e);
      return;
    }
  }

  void finish() {
    if (m_opaque) {
      m_shape = PageShape::full();
      return;
    }
    m_shape.all_fields = false;
    m_shape.whole_file = m_whole_file;
  }

  void set_opaque() { m_opaque = true; }

private:
  /// `file`, `row.file`, `[[x]].file`: an expression that gives a page's `file` object.
  static bool yields_file(const Expr& e) {
    if (e.kind == Expr::Kind::variable) return e.name == "file";
    if (e.kind == Expr::Kind::index) return index_key(e).name == std::optional<std::string>("file");
    return false;
  }
  /// `e` is only indexed with a literal key (`file.name`), never seen whole.
  static bool read_by_name(const Expr& e, const Expr* parent) {
    return parent != nullptr && parent->kind == Expr::Kind::index && parent->left.get() == &e &&
           index_key(*parent).fixed;
  }

  PageShape& m_shape;
  bool m_opaque = false;
  bool m_whole_file = false;
};

} // namespace

PageShape page_shape(const Query& query) {
  PageShape shape;
  ShapeWalker walker(shape);
  for (const auto& f : query.fields)
    walker.visit(f.field.get(), nullptr);
  walker.visit(query.list_format.get(), nullptr);
  for (const auto& op : query.operations) {
    if (op.kind == Operation::Kind::group) walker.set_opaque(); // `rows` holds whole pages
    walker.visit(op.expr.get(), nullptr);
    walker.visit(op.named.field.get(), nullptr);
    for (const auto& s : op.sort)
      walker.visit(s.field.get(), nullptr);
  }
  walker.finish();
  // date(link) reads file.day of the linked page, and file.day falls back to the `date` field.
  shape.names.insert("day");
  shape.names.insert("date");
  return shape;
}

} // namespace mdvault::core::query
