-- cvtex.lua: part of the cvtex LaTeX class (cvtex.cls), loaded only under LuaTeX.
--
-- Chinese, Japanese and Korean have no spaces between words. Text that \cvscript{cjk}
-- sets carries the attribute \cvtex@cjkattr; before a paragraph is broken into lines, a
-- zero-width glue that stretches by 0.1em is put between two such characters, so a line
-- may break there. Not before closing punctuation, small kana, prolonged-sound marks and
-- combining marks, and not after opening punctuation (kinsoku). XeTeX does the same with
-- its own ICU line breaker (\XeTeXlinebreaklocale), so this file is not used there.

local attribute = luatexbase.registernumber("cvtex@cjkattr")
local GLYPH = node.id("glyph")

local no_break_after, no_break_before = {}, {}
for _, c in utf8.codes("（「『【〈《〔［｛〖〘〚｟｢") do
  no_break_after[c] = true
end
for _, c in utf8.codes("、。，．！？：；）」』】〉》〕］｝〗〙〛｠｣・ー…々〻ゝゞヽヾ"
                       .. "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ") do
  no_break_before[c] = true
end

local function keeps_to_previous(c)
  return no_break_before[c]
      or (c >= 0x0300 and c <= 0x036F)     -- combining diacritical marks
      or c == 0x3099 or c == 0x309A        -- combining kana voicing marks
      or (c >= 0xFE00 and c <= 0xFE0F)     -- variation selectors
      or (c >= 0xE0100 and c <= 0xE01EF)   -- ideographic variation selectors
end

local stretch_of = {}  -- 0.1em of each font, by font id
local function stretch(font_id)
  local s = stretch_of[font_id]
  if not s then
    local f = font.getfont(font_id)
    local quad = f and f.parameters and f.parameters.quad or tex.sp("10pt")
    s = math.floor(quad / 10)
    stretch_of[font_id] = s
  end
  return s
end

local function cjk(n)
  return n.id == GLYPH and node.has_attribute(n, attribute) == 1
end

local function add_breaks(head)
  local n = head
  while n do
    local next = n.next
    if next and cjk(n) and cjk(next) and not no_break_after[n.char]
        and not keeps_to_previous(next.char) then
      local glue = node.new("glue")
      node.setglue(glue, 0, stretch(n.font), 0, 0, 0)
      head = node.insert_after(head, n, glue)
    end
    n = next
  end
  return head
end

luatexbase.add_to_callback("pre_linebreak_filter", add_breaks, "cvtex.cjk")
