#include "core/query/icu_locale.hpp"

#include <unicode/curramt.h>
#include <unicode/numfmt.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>

namespace mdvault::core::query {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// ICU's zone id for a name written in any case, as Intl accepts it ("europe/paris"), or the name.
std::string zone_id(std::string_view name) {
  static const std::map<std::string, std::string> k_ids = [] {
    std::map<std::string, std::string> ids;
    UErrorCode status = U_ZERO_ERROR;
    const std::unique_ptr<icu::StringEnumeration> all(icu::TimeZone::createEnumeration(status));
    if (U_FAILURE(status) || !all) return ids;
    while (const icu::UnicodeString* id = all->snext(status)) {
      if (U_FAILURE(status)) break;
      std::string text;
      id->toUTF8String(text);
      ids.emplace(lower_ascii(text), text);
    }
    return ids;
  }();
  const auto it = k_ids.find(lower_ascii(name));
  return it == k_ids.end() ? std::string(name) : it->second;
}

}  // namespace

std::optional<int> zone_offset_at_local(std::string_view name, std::int64_t local_ms) {
  const std::string canonical = zone_id(name);
  const icu::UnicodeString id = icu::UnicodeString::fromUTF8(icu::StringPiece(canonical.data(), static_cast<int32_t>(canonical.size())));
  const std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
  if (!zone || *zone == icu::TimeZone::getUnknown()) return std::nullopt;
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone->getOffset(static_cast<UDate>(local_ms), true, raw, dst, status);
  if (U_FAILURE(status)) return std::nullopt;
  return (raw + dst) / 60000;
}

std::string system_zone_id() {
  const std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createDefault());
  icu::UnicodeString id;
  zone->getID(id);
  std::string out;
  id.toUTF8String(out);
  return out == "Etc/UTC" || out == "Etc/Universal" || out == "Universal" || out == "Zulu" ? "UTC" : out;
}

std::string system_zone_display_name(std::int64_t utc_ms, bool long_name) {
  const std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createDefault());
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone->getOffset(static_cast<UDate>(utc_ms), false, raw, dst, status);
  icu::UnicodeString name;
  zone->getDisplayName(dst != 0, long_name ? icu::TimeZone::LONG : icu::TimeZone::SHORT, icu::Locale("en", "US"), name);
  std::string out;
  name.toUTF8String(out);
  if (out == "GMT" && raw == 0 && dst == 0) return long_name ? "Coordinated Universal Time" : "UTC";
  return out;
}

std::optional<std::string> format_currency(double amount, std::string_view code) {
  if (code.size() != 3) return std::nullopt;
  char16_t iso[4] = {};
  for (std::size_t i = 0; i < 3; ++i) {
    const char c = code[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return std::nullopt;
    iso[i] = static_cast<char16_t>(c >= 'a' ? c - 'a' + 'A' : c);
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> format(icu::NumberFormat::createCurrencyInstance(icu::Locale("en", "US"), status));
  if (U_FAILURE(status) || !format) return std::nullopt;
  format->setCurrency(iso, status);
  if (U_FAILURE(status)) return std::nullopt;
  format->setRoundingMode(icu::NumberFormat::kRoundHalfUp);  // Intl's "halfExpand": ¥1,234.5 -> ¥1,235
  icu::UnicodeString text;
  format->format(amount, text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace mdvault::core::query
