"""Make scans and phone photos of text with Pillow and the DejaVu fonts (tests and the OCR benchmark).

`render_page(lines)` draws an A4 page at a given dpi, wrapping long lines; `as_scan` adds what a
flatbed scanner adds (a slight rotation, blur, specks); `as_photo` what a phone adds (perspective,
uneven light, sensor noise, JPEG). Seeded, so every run makes the same pixels.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
FONT_NAME = "DejaVuSerif.ttf"
A4_INCHES = (8.27, 11.69)


def font_path(name: str = FONT_NAME) -> Path:
    """The DejaVu font file (Debian: fonts-dejavu-core); FileNotFoundError naming the package."""
    for d in FONT_DIRS:
        if (Path(d) / name).exists():
            return Path(d) / name
    import PIL
    bundled = Path(PIL.__file__).parent / "fonts" / name
    if bundled.exists():
        return bundled
    raise FileNotFoundError(f"{name} not found; install the Debian package fonts-dejavu-core")


def wrap(text: str, font, width: int) -> list[str]:
    """Lines of `text` no wider than `width` pixels in `font`; paragraph breaks kept."""
    out = []
    for para in text.split("\n"):
        words, line = para.split(), ""
        for w in words:
            cand = f"{line} {w}".strip()
            if line and font.getlength(cand) > width:
                out.append(line)
                line = w
            else:
                line = cand
        out.append(line)
    return out


def render_pages(text: str, dpi: int = 200, pt: float = 12, max_pages: int | None = None) -> list:
    """The text typeset on A4 pages (grayscale PIL images with their dpi), 2.5 cm margins."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path()), round(pt / 72 * dpi))
    w, h = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
    margin = round(dpi / 2.54 * 2.5)
    step = round(pt / 72 * dpi * 1.5)
    lines = wrap(text, font, w - 2 * margin)
    per_page = max(1, (h - 2 * margin) // step)
    pages = []
    for start in range(0, len(lines), per_page):
        img = Image.new("L", (w, h), 255)
        draw = ImageDraw.Draw(img)
        for i, line in enumerate(lines[start:start + per_page]):
            draw.text((margin, margin + i * step), line, font=font, fill=0)
        img.info["dpi"] = (dpi, dpi)
        pages.append(img)
        if max_pages and len(pages) >= max_pages:
            break
    return pages


def page_lines(text: str, dpi: int = 200, pt: float = 12) -> list[list[str]]:
    """The lines render_pages puts on each page (the reference text of each page)."""
    from PIL import ImageFont

    font = ImageFont.truetype(str(font_path()), round(pt / 72 * dpi))
    w, h = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
    margin = round(dpi / 2.54 * 2.5)
    per_page = max(1, (h - 2 * margin) // round(pt / 72 * dpi * 1.5))
    lines = wrap(text, font, w - 2 * margin)
    return [lines[i:i + per_page] for i in range(0, len(lines), per_page)]


def as_scan(page, seed: int = 0):
    """A flatbed scan: rotated under a degree, slightly blurred, a few dust specks."""
    from PIL import ImageDraw, ImageFilter

    rnd = random.Random(seed)
    img = page.rotate(rnd.uniform(-0.8, 0.8), resample=3, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    draw = ImageDraw.Draw(img)
    for _ in range(60):
        x, y, r = rnd.randrange(img.width), rnd.randrange(img.height), rnd.choice((1, 1, 2, 3))
        draw.ellipse((x, y, x + r, y + r), fill=rnd.randrange(0, 120))
    img.info["dpi"] = page.info.get("dpi", (200, 200))
    return img


def as_photo(page, seed: int = 0, quality: int = 70, hard: bool = False):
    """A phone photo: perspective (the top edge narrower), a few degrees askew, light falling off
    across the page, noise, JPEG compression. Returned as a decoded RGB image with no dpi.

    hard: a poor photo — stronger perspective and skew, out of focus, taken from further away
    (about 130 dpi on the page), JPEG quality 55."""
    from PIL import Image, ImageChops, ImageFilter

    rnd = random.Random(seed)
    w, h = page.size
    inset = rnd.uniform(0.06, 0.09 if hard else 0.05) * w
    # quad: upper-left, lower-left, lower-right, upper-right corners of the source to map to the output
    quad = (-inset, -inset * 0.5, 0, h, w, h, w + inset, -inset * 0.5)
    img = page.transform((w, h), Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC, fillcolor=235)
    skew = 4.0 if hard else 2.5
    img = img.rotate(rnd.uniform(-skew, skew), resample=3, expand=False, fillcolor=235)
    shade = Image.linear_gradient("L").rotate(rnd.choice((0, 90, 180, 270))).resize((w, h))
    shade = shade.point(lambda v: 255 - v * 0.35)      # up to a third darker on one side
    img = ImageChops.multiply(img, shade)
    noise = Image.effect_noise((w, h), 12).point(lambda v: v // 8 + 224)
    img = ImageChops.multiply(img, ImageChops.invert(ImageChops.invert(noise)))
    img = img.filter(ImageFilter.GaussianBlur(1.0 if hard else 0.5)).convert("RGB")
    if hard:
        img = img.resize((round(w * 0.65), round(h * 0.65)), Image.Resampling.BILINEAR)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=55 if hard else quality)
    buf.seek(0)
    return Image.open(buf)


def save_pdf(images: list, path: Path, dpi: int = 200) -> None:
    """Images as an image-only PDF (a scanner's output): no text layer at all."""
    first, rest = images[0].convert("L"), [i.convert("L") for i in images[1:]]
    first.save(path, "PDF", resolution=dpi, save_all=True, append_images=rest)
