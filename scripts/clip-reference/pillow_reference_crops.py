#!/usr/bin/env python3
"""Reference 224x224 crops of the imaging sample files, made with Pillow exactly as the CLIP
reference pipeline prepares an image before ToTensor/Normalize (see tests/fixtures/clip/README.md):

  exif_transpose -> composite on white when RGBA / LA / palette with transparency
  -> Pillow resize, shortest side 224, the other int(224 * long / short), BICUBIC
     (Pillow itself switches to NEAREST for palette "P" and bilevel "1" images)
  -> centre crop at round((size - 224) / 2) -> RGB

Needs only Pillow (Debian: python3-pil, 9.4 like the reference). The outputs are committed next
to the samples; the tests compare the C# pipeline with them. Run from the repository root:

    python3 scripts/clip-reference/pillow_reference_crops.py
"""
from pathlib import Path

from PIL import Image, ImageOps

SAMPLES = Path("tests/RagPlatform.Infrastructure.Tests/Imaging/Samples")
NAMES = [
    "basn3p08.png", "ftbbn3p08.png", "basn3p04-31i.png", "basn4a08.png", "basn0g01.png",
    "basn6a16.png", "basn2c16.png", "benchRGB-interlace.png", "video-001.interlaced.gif",
    "video-001.5bpp.gif", "test-animation.gif", "video-005.gray.jpeg", "video-001.progressive.jpeg",
    "video-001.jpeg", "palette.bmp", "sample.bmp", "sample.webp",
]
SIZE = 224


def has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)


def reference_crop(path: Path) -> Image.Image:
    image = ImageOps.exif_transpose(Image.open(path))
    if has_transparency(image):
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")
    width, height = image.size
    short, long = (width, height) if width <= height else (height, width)
    new_long = int(SIZE * long / short)
    size = (SIZE, new_long) if width <= height else (new_long, SIZE)
    if size != image.size:
        image = image.resize(size, Image.BICUBIC)
    left = int(round((size[0] - SIZE) / 2.0))
    top = int(round((size[1] - SIZE) / 2.0))
    return image.crop((left, top, left + SIZE, top + SIZE)).convert("RGB")


def write_orientation_samples() -> list[str]:
    """orientation-1.jpg .. orientation-8.jpg: one asymmetric picture stored with each EXIF
    orientation, so that every one of Pillow's exif_transpose moves is checked."""
    picture = Image.new("RGB", (48, 32), (240, 240, 240))
    picture.paste((200, 30, 30), (0, 0, 24, 16))    # red block top-left
    picture.paste((30, 160, 30), (36, 0, 48, 8))    # small green block top-right
    picture.paste((30, 30, 200), (0, 24, 8, 32))    # small blue block bottom-left
    names = []
    for orientation in range(1, 9):
        exif = Image.Exif()
        exif[0x0112] = orientation
        name = f"orientation-{orientation}.jpg"
        picture.save(SAMPLES / name, quality=95, subsampling=0, exif=exif.tobytes())
        names.append(name)
    return names


def main() -> None:
    out = SAMPLES / "reference"
    out.mkdir(exist_ok=True)
    for name in NAMES + write_orientation_samples():
        crop = reference_crop(SAMPLES / name)
        crop.save(out / (name + ".png"), optimize=True)
        print(name, Image.open(SAMPLES / name).mode, "->", out / (name + ".png"))


if __name__ == "__main__":
    main()
