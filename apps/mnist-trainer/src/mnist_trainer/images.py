"""`predict`'s input: any image file turned into the model's input size and colour.

    load_image("digit.png", (1, 28, 28))      # (1, 1, 28, 28) uint8

Steps: open with Pillow; grayscale ("L") for 1-channel models, RGB for 3; pad to a square with
the border colour (so the aspect ratio survives); resize to H x W with a Lanczos filter. MNIST
and Fashion-MNIST draw light strokes on black, while a drawing or photo usually has a light
background, so invert="auto" inverts a grayscale image whose border is brighter than mid-grey.
"""

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

INVERT_CHOICES = ("auto", "yes", "no")


def _border_mean(pixels):                    # (H, W) or (H, W, 3)
    return float(np.concatenate([pixels[0].ravel(), pixels[-1].ravel(),
                                 pixels[:, 0].ravel(), pixels[:, -1].ravel()]).mean())


def load_image(path, image_shape, invert="auto"):
    """(1, C, H, W) uint8 from the image file at `path` (see the module docstring)."""
    if invert not in INVERT_CHOICES:
        raise ValueError(f"invert must be one of {INVERT_CHOICES}, got {invert!r}")
    channels, height, width = image_shape
    try:
        with Image.open(path) as opened:
            image = opened.convert("L" if channels == 1 else "RGB")
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no such image file") from None
    except (UnidentifiedImageError, OSError) as error:
        raise ValueError(f"{path}: not an image Pillow can read ({error})") from None
    pixels = np.asarray(image)
    background = tuple(int(v) for v in np.median(
        np.concatenate([pixels[0], pixels[-1]]).reshape(-1, channels), axis=0))
    side = max(image.size)
    square = ImageOps.pad(image, (side, side), color=background[0] if channels == 1 else background)
    resized = np.asarray(square.resize((width, height), Image.Resampling.LANCZOS))
    if channels == 1 and (invert == "yes" or (invert == "auto" and _border_mean(resized) > 127)):
        resized = 255 - resized
    return resized.reshape(height, width, channels).transpose(2, 0, 1)[None].astype(np.uint8)
