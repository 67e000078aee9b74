#!/usr/bin/env python3
"""Regenerates CLIP parity fixtures like tests/fixtures/clip: a CLIP model with random weights,
its two towers exported to ONNX, and reference token ids, pixel tensors and embeddings.

NOT RUN IN THIS REPOSITORY'S DEVELOPMENT SESSION: it was written where no PyTorch machine was
available. The committed fixtures came from the same recipe run on openai/CLIP's own code (see
tests/fixtures/clip/README.md). Check the first run against them: the ids of texts.jsonl must be
identical, and for images the pixels must match tests/fixtures/clip/images/*.pixels.f32.

Needs: torch, transformers (4.x or 5.x), ftfy, Pillow, numpy; onnxruntime to check the export.

    python3 scripts/clip-reference/make_fixtures.py --out /tmp/clip-fixtures            # tiny model
    python3 scripts/clip-reference/make_fixtures.py --out /tmp/clip-b32 --full-size     # ViT-B/32 shapes

Reference semantics (what the C# pipeline reproduces):
- Text: openai/CLIP's SimpleTokenizer = ftfy.fix_text, html.unescape twice, whitespace clean, lower,
  BPE. Hugging Face's CLIPTokenizer skips html.unescape (and, in transformers 5, ftfy), so the
  text is cleaned here exactly as openai/CLIP does and CLIPTokenizer only does the BPE.
- Images: openai/CLIP's transform (Pillow resize to shortest side 224 with BICUBIC, which Pillow
  turns into NEAREST for palette images; centre crop at round((size - 224) / 2)), after EXIF
  orientation and compositing transparency on white. CLIPImageProcessor differs (it converts
  palette images to RGB before resizing and floors the crop offset), so only its numbers
  (size, crop, mean, std) are used here.
"""
import argparse
import html
import json
import re
import shutil
import tempfile
from pathlib import Path

import ftfy
import numpy as np
import torch
from PIL import Image, ImageOps
from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPTokenizer

ROOT = Path(__file__).resolve().parents[2]
TOKENIZER_FILES = ROOT / "src/RagPlatform.Infrastructure/Clip/Tokenizer"
PREPROCESSOR = ROOT / "tests/fixtures/clip/model/preprocessor_config.json"
TEXTS = [
    "a photo of a cat", "A Bar Chart of Quarterly Revenue, 2019-2024!", "Café naïve façade résumé",
    "多模态检索增强生成", "I ❤️ 🍕 and 🐱🐶", "Tom &amp; Jerry &lt;3", "cafÃ© menu",
    "  multiple   spaces\tand\nnewlines  ", "it's they're we'll I'd you've", "3.14159 and 2025-11-23 at 10:45",
    "", "HELLO WORLD", "the <|endoftext|> token inside text",
    " ".join(["longer text that goes past the context window"] * 12),
]


def tiny_config() -> CLIPConfig:
    # 224 px input and 32 px patches like ViT-B/32; narrow and shallow so the files stay small.
    return CLIPConfig(
        text_config=dict(hidden_size=16, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2,
                         max_position_embeddings=77, vocab_size=49408, bos_token_id=49406, eos_token_id=49407),
        vision_config=dict(hidden_size=64, intermediate_size=256, num_hidden_layers=2, num_attention_heads=2,
                           image_size=224, patch_size=32),
        projection_dim=32)


def load_tokenizer(work: Path) -> CLIPTokenizer:
    # transformers 5 builds an empty vocabulary from vocab_file=/merges_file= arguments: load a folder.
    for name in ("vocab.json", "merges.txt"):
        shutil.copy(TOKENIZER_FILES / name, work / name)
    special = {"bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>",
               "pad_token": "<|endoftext|>"}
    (work / "special_tokens_map.json").write_text(json.dumps(special))
    (work / "tokenizer_config.json").write_text(json.dumps({**special, "model_max_length": 77, "do_lower_case": True}))
    tokenizer = CLIPTokenizer.from_pretrained(str(work))
    if getattr(tokenizer, "fix_text", None) is not None:  # the slow tokenizer's own ftfy call: done in clean()
        tokenizer.fix_text = lambda text: text
    assert tokenizer("a photo of a cat")["input_ids"] == [49406, 320, 1125, 539, 320, 2368, 49407], "broken tokenizer"
    return tokenizer


def clean(text: str, repair) -> str:
    """basic_clean + whitespace_clean + lower of openai/CLIP's simple_tokenizer.py."""
    text = html.unescape(html.unescape(repair(text))).strip()
    return re.sub(r"\s+", " ", text).strip().lower()


def token_ids(tokenizer: CLIPTokenizer, text: str, repair=ftfy.fix_text) -> list[int]:
    return tokenizer(clean(text, repair), truncation=True, max_length=77)["input_ids"]


def reference_crop(path: Path, size: int, crop: int) -> Image.Image:
    image = ImageOps.exif_transpose(Image.open(path))
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")
    w, h = image.size
    short, long = (w, h) if w <= h else (h, w)
    target = (size, int(size * long / short)) if w <= h else (int(size * long / short), size)
    if target != image.size:
        image = image.resize(target, Image.BICUBIC)
    left, top = int(round((target[0] - crop) / 2.0)), int(round((target[1] - crop) / 2.0))
    return image.crop((left, top, left + crop, top + crop)).convert("RGB")


def pixel_tensor(path: Path, processor: CLIPImageProcessor) -> torch.Tensor:
    crop = reference_crop(path, processor.size["shortest_edge"], processor.crop_size["height"])
    tensor = torch.from_numpy(np.asarray(crop).copy()).permute(2, 0, 1).float().div(255)  # ToTensor
    mean = torch.tensor(processor.image_mean, dtype=torch.float32)[:, None, None]
    std = torch.tensor(processor.image_std, dtype=torch.float32)[:, None, None]
    return tensor.sub_(mean).div_(std)  # Normalize


def make_images(folder: Path) -> list[Path]:
    """Synthetic images covering the cases of the committed fixtures."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)

    def picture(w: int, h: int, mode: str = "RGB") -> Image.Image:
        y, x = np.mgrid[0:h, 0:w]
        base = np.stack([(x * 255 // max(w - 1, 1)), (y * 255 // max(h - 1, 1)), ((x + y) * 7) % 256], -1)
        noise = rng.integers(0, 40, size=(h, w, 3))
        return Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8)).convert(mode)

    rgba = picture(400, 300).convert("RGBA")
    alpha = np.full((300, 400), 255, np.uint8)
    alpha[:, :100], alpha[:, 100:200] = 0, 128
    rgba.putalpha(Image.fromarray(alpha))
    exif = Image.Exif()
    exif[0x0112] = 6
    saves = {
        "landscape.png": lambda p: picture(640, 480).save(p),
        "portrait.jpg": lambda p: picture(300, 800).save(p, quality=90),
        "tiny.png": lambda p: picture(17, 9).save(p),
        "huge.jpg": lambda p: picture(4000, 3000).save(p, quality=85),
        "rgba.png": lambda p: rgba.save(p),
        "gray.png": lambda p: picture(500, 400, "L").save(p),
        "palette.png": lambda p: picture(320, 240).quantize(64).save(p),
        "exif-orientation-6.jpg": lambda p: picture(480, 320).save(p, quality=90, exif=exif.tobytes()),
        "exact-224.png": lambda p: picture(224, 224).save(p),
        "odd-225x301.png": lambda p: picture(225, 301).save(p),
        "photo.bmp": lambda p: picture(360, 270).save(p),
        "first-frame.gif": lambda p: picture(200, 150).quantize(128).save(
            p, save_all=True, append_images=[picture(200, 150).quantize(128)]),
        "picture.webp": lambda p: picture(300, 200).save(p, lossless=True),
    }
    for name, save in saves.items():
        save(folder / name)
    return [folder / name for name in saves]


class TextTower(torch.nn.Module):
    def __init__(self, model: CLIPModel):
        super().__init__()
        self.model = model

    def forward(self, input_ids):  # transformers 5: get_text_features returns an output object
        return self.model.text_projection(self.model.text_model(input_ids=input_ids).pooler_output)


class VisionTower(torch.nn.Module):
    def __init__(self, model: CLIPModel):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        return self.model.visual_projection(self.model.vision_model(pixel_values=pixel_values).pooler_output)


def normalised(vector: torch.Tensor) -> list[float]:
    vector = vector.double()
    return (vector / vector.norm()).tolist()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--full-size", action="store_true", help="ViT-B/32 architecture (random weights, ~600 MB)")
    parser.add_argument("--images", type=Path, help="use the images of this folder instead of synthetic ones")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    model = CLIPModel(CLIPConfig() if args.full_size else tiny_config()).eval()
    model_dir = args.out / "model"
    model_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        tokenizer = load_tokenizer(Path(work))
    for name in ("vocab.json", "merges.txt"):
        shutil.copy(TOKENIZER_FILES / name, model_dir / name)
    shutil.copy(PREPROCESSOR, model_dir / "preprocessor_config.json")
    processor = CLIPImageProcessor.from_pretrained(str(model_dir))
    text_tower, vision_tower = TextTower(model).eval(), VisionTower(model).eval()

    ids = torch.full((2, 77), 49407, dtype=torch.long)
    pixels = torch.zeros(2, 3, 224, 224)
    for tower, example, inp, out in ((text_tower, ids, "input_ids", "text_embeds"),
                                     (vision_tower, pixels, "pixel_values", "image_embeds")):
        torch.onnx.export(tower, (example,), str(model_dir / f"{'text' if inp == 'input_ids' else 'vision'}_model.onnx"),
                          input_names=[inp], output_names=[out], dynamic_axes={inp: {0: "batch"}, out: {0: "batch"}},
                          opset_version=17, dynamo=False)

    with torch.no_grad(), open(args.out / "texts.jsonl", "w", encoding="utf-8") as rows:
        for text in TEXTS:
            row_ids = token_ids(tokenizer, text)
            padded = torch.tensor([row_ids + [49407] * (77 - len(row_ids))])
            rows.write(json.dumps({
                "text": text, "ids": row_ids,
                "needs_ftfy": row_ids != token_ids(tokenizer, text, repair=lambda t: t),
                "embedding": normalised(text_tower(padded)[0])}, ensure_ascii=False) + "\n")

    image_dir = args.out / "images"
    sources = sorted(p for p in args.images.iterdir() if p.is_file()) if args.images else make_images(image_dir)
    with torch.no_grad(), open(args.out / "images.jsonl", "w", encoding="utf-8") as rows:
        for source in sources:
            if source.parent != image_dir:
                image_dir.mkdir(exist_ok=True)
                shutil.copy(source, image_dir / source.name)
            tensor = pixel_tensor(source, processor)
            tensor.numpy().astype("<f4").tofile(image_dir / (source.name + ".pixels.f32"))
            rows.write(json.dumps({"image": source.name, "pixels": source.name + ".pixels.f32",
                                   "embedding": normalised(vision_tower(tensor[None])[0])}) + "\n")

    try:
        import onnxruntime
    except ImportError:
        print("onnxruntime not installed: ONNX export not cross-checked")
    else:
        text_session = onnxruntime.InferenceSession(str(model_dir / "text_model.onnx"))
        vision_session = onnxruntime.InferenceSession(str(model_dir / "vision_model.onnx"))
        with torch.no_grad():
            text_gap = np.abs(text_session.run(None, {"input_ids": ids.numpy()})[0] - text_tower(ids).numpy()).max()
            vision_gap = np.abs(vision_session.run(None, {"pixel_values": pixels.numpy()})[0] - vision_tower(pixels).numpy()).max()
        print(f"ONNX vs PyTorch: text {text_gap:.2e}, vision {vision_gap:.2e} (expect <= 1e-5)")
    print(f"fixtures written to {args.out}")


if __name__ == "__main__":
    main()
