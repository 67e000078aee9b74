using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Settings of the in-process OCR (PP-OCRv4 on ONNX Runtime), section <c>Ocr</c>.</summary>
public sealed class OcrOptions
{
    public const string SectionName = "Ocr";

    /// <summary>Folder with ch_PP-OCRv4_det_infer.onnx, ch_PP-OCRv4_rec_infer.onnx,
    /// ppocr_keys_v1.txt and (for <see cref="UseAngleClassifier"/>) ch_ppocr_mobile_v2.0_cls_infer.onnx,
    /// as scripts/fetch-ocr-models.sh installs them. A relative path is looked up under the host's
    /// content root, then the current directory, then the application's folder.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ModelDirectory { get; set; } = "models/ocr";

    /// <summary>The recogniser network: <see cref="OcrRecognizerModel.Multilingual"/> (PP-OCRv4,
    /// Chinese and English, the default) or <see cref="OcrRecognizerModel.Latin"/> (PP-OCRv5 Latin,
    /// fetched with <c>scripts/fetch-ocr-models.sh --latin</c>; faster, Latin script only).</summary>
    [EnumDataType(typeof(OcrRecognizerModel))]
    public OcrRecognizerModel Recognizer { get; set; } = OcrRecognizerModel.Multilingual;

    /// <summary>Longest side of the image the detector sees, in pixels. Larger images are scaled
    /// down to it; detection time grows with its square. PaddleOCR's 960 shrinks a page rendered at
    /// 150 dpi to 55%: on the test page that tripled the error rate (0.4% → 1.4-2.4%); 1280 and
    /// 1920 read it equally well, and 1920 keeps such pages whole.</summary>
    [Range(320, 8192)]
    public int MaxSideLength { get; set; } = 1920;

    /// <summary>Longest side of the first detection, in pixels; 0 for <see cref="MaxSideLength"/>.
    /// Larger images are detected at this size first, and again at a larger scale (to bring the
    /// median line to <see cref="SmallTextHeight"/>, within <see cref="MaxSideLength"/>) only when
    /// their lines came out lower than that there and the larger scale is at least a quarter
    /// larger: a 150-dpi page (lines about 22 px) keeps its first detection, at 0.87 of its size.
    /// On the bench's pages (1275 × 1650) detection took 20% less CPU (about 610 → 475 ms per page,
    /// one thread) at the same recall; 1280 saved 35% but lost a word ("report") once in 432.</summary>
    [Range(0, 8192)]
    public int FirstDetectionSide { get; set; } = 1440;

    /// <summary>Images that stay within <see cref="MaxSideLength"/> at this scale (1x screenshots and
    /// charts up to 1280 px) are detected first at this scale rather than at their own, and again
    /// larger only when their lines are still lower than <see cref="SmallTextHeight"/> there: one
    /// pass instead of two (at 1x, then at about 1.5x) for 1x text. On the bench's 1x charts and
    /// screenshots detection took 22-27% less CPU (charts about 218 → 160 ms, screenshots 231 → 180
    /// ms, one thread) at the same recall; 1.3 was too small for 10 px text (detected again, and a
    /// lone "0" tick label lost). The cost: a small image of large text, that one pass at its own
    /// scale read before, is now detected at 2.25 times the pixels. 0 detects them first at their
    /// own scale.</summary>
    [Range(0.0, 4.0)]
    public double SmallImageDetectionScale { get; set; } = 1.5;

    /// <summary>When the median detected line is lower than this many pixels at the scale it was
    /// detected at, the image is scaled up (to bring it to this height, by at most <see cref="MaxUpscale"/>, within
    /// <see cref="MaxSideLength"/>) and detected again: boxes around 9-11 px text (1x screenshot
    /// labels) come out better. On the test tables of 9-10 px text the error rate fell from
    /// 0.7-1.7% to 0.2-0.7%, and a lone "0" tick label was found. 0 switches it off.</summary>
    [Range(0, 200)]
    public int SmallTextHeight { get; set; } = 20;

    /// <summary>Detects small text again (see <see cref="SmallTextHeight"/>) only in the regions
    /// around what the first detection found, instead of in the whole image. On the bench's 1x
    /// charts and screenshots that halved detection time, but a lone character the first detection
    /// does not see at all is lost (the 10 px "0" tick label in the corner of a chart's axes), so it
    /// is off by default. With <see cref="SkipBlankAreas"/> its boxes can differ a little more from a
    /// whole-image pass's (one screenshot label matched by an IoU of 0.67).</summary>
    public bool DetectSmallTextInRegions { get; set; }

    /// <summary>Feeds the detector only the parts of the scaled image that can hold text
    /// (<see cref="DetailRegions"/>: 16-pixel cells with edges that are no part of a long line,
    /// grouped, with 32 pixels of context, each part at least 128 pixels on the network's stride
    /// grid), not the uniform background, margins, long lines and insides of bars and panels; the
    /// whole image when the parts would cover most of it. Unlike <see cref="DetectSmallTextInRegions"/>
    /// it needs no detection before, so a lone small label is kept. On the bench's images (int8)
    /// detection took 20-45% less CPU (charts 111 → 89 ms, screenshots 136 → 77, pages 332 → 183,
    /// one thread) at the same recall on every kind, and every OCR test of the default settings passes
    /// with it, a headline's long straight stems and a lone 10 px label included. On by default. The detector's
    /// squeeze-and-excitation blocks weigh their channels by the mean over what they see, so boxes
    /// in a part can come out a little different from the whole image's; off detects the whole image.</summary>
    public bool SkipBlankAreas { get; set; } = true;

    /// <summary>Finds the lines of flat images (1x screenshots and charts on uniform backgrounds,
    /// those <see cref="SmallImageDetectionScale"/> applies to) from their pixels, without the
    /// detector network (<see cref="RagPlatform.Infrastructure.Ocr.FlatImageLines.FlatImageLineFinder"/>); images that are not
    /// flat, or hold what it cannot judge (a picture, a widget drawn beside labels: a button's rounded
    /// end, a check box, a frame; a line higher than its letters allow), are detected by the network.
    /// On the bench's full sets (run ingest-ocr-20261205-231426, load 6-14, the network as a second
    /// row) detection took 3-4 instead of 55-65 ms of CPU per image (one thread): charts 7.02 → 12.98
    /// and screenshots 4.40 → 5.91 images per CPU s (0.43 → 0.80 and 0.53 → 0.71 of tesseract's) at
    /// the same recall with the same missed word; pages are not small images and are unchanged. Of the
    /// 28 plots of Debian's octave-doc 7.3.0 (750 × 525) it reads 14 itself with no junk line and no
    /// word lost against the network, and 18 tick labels more read right (the network missed 14, "1",
    /// "-1", "0", and misread 4, "o" and "31"); ticks and a frame's corners are pieces of their rules. The seven
    /// real screenshots of the tests all go to the network (each has a widget) and read as they did.
    /// On by default.</summary>
    public bool FlatImageLines { get; set; } = true;

    /// <summary>Lets <see cref="FlatImageLines"/> read upright images larger than small ones too (pages
    /// rendered from PDFs without a usable text layer) in its page mode: a clean rendered page's lines
    /// come from its pixels instead of the detector network; scans (noise, a grey paper, a turn of a
    /// degree or two, JPEG artefacts), pages with a photo or a dense picture, and landscape images go to
    /// the network. On the bench's 150-dpi pages (runs ingest-ocr-20261206-021810 and -022316, load 8-14)
    /// detection took 54-63 instead of 127-169 ms of CPU and the page 707-762 instead of 783-816 ms
    /// (1.28 → 1.42 and 1.22 → 1.31 images per CPU s), but one word in 1,296 was lost ("committee"), and on 21 pages of Debian's PDF manuals read both
    /// ways one line of fontconfig's was lost: off until those are understood.</summary>
    public bool FlatPageLines { get; set; }

    /// <summary>Detects a chart's missing tick labels again beside its axes frame (<see cref="FrameStrips"/>):
    /// where the numbers read beside a frame side lie on a regular grid, each grid point without one gets
    /// a window (192 detector pixels) of a copy with the frame and its ticks erased, and sure readings
    /// (0.9) there are added. On the 28 plots of Debian's octave-doc (750 × 525) it added 28 right labels
    /// (hist's "-4", "-2", "4", errorbar's "1", "-1", "4", many y-axis "1" and "-1"), one wrong (a "-4"
    /// read "4"), lost none; those plots miss many labels and cost about 25 % more CPU. The bench's charts
    /// (labels complete: no window) 138 → 144 ms CPU per image, screenshots 223 → 222, pages unchanged,
    /// the same recall (run ingest-ocr-20261205-235848, load 2-6). Off: one detection as before.</summary>
    public bool DetectBesideFrame { get; set; } = true;

    /// <summary>Largest factor small-text images are scaled up by before detection.</summary>
    [Range(1.0, 4.0)]
    public double MaxUpscale { get; set; } = 2.0;

    /// <summary>A pixel of the detector's probability map is text above this (PaddleOCR: 0.3).</summary>
    [Range(0.05, 0.95)]
    public double DetectionThreshold { get; set; } = 0.3;

    /// <summary>A detected box is kept when its mean probability reaches this (PaddleOCR: 0.6).</summary>
    [Range(0.05, 0.99)]
    public double BoxThreshold { get; set; } = 0.6;

    /// <summary>How far a detected kernel is grown back into a text box, relative to its
    /// area / perimeter (PaddleOCR: 1.5).</summary>
    [Range(0.5, 4.0)]
    public double UnclipRatio { get; set; } = 1.5;

    /// <summary>Lines read with a lower mean character confidence are dropped (PaddleOCR: 0.5).</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>Runs the 0°/180° classifier on every line and reads the lines it finds upside down
    /// both ways, keeping the more confident reading. For images that may lie upside down (photos
    /// of pages); off by default, as in PaddleOCR: screenshots and rendered pages are upright, and
    /// it costs about a fifth more time.</summary>
    public bool UseAngleClassifier { get; set; }

    /// <summary>Folds the element-wise steps of the detector's and recogniser's blocks (PP-LCNetV3:
    /// a learned scale and shift around each hard-swish) into their convolutions when the networks
    /// load, in memory (<see cref="Folding.HardSwishBlockFolding"/>): the same results up to float
    /// rounding, in 10-17% less CPU time per image on the bench's images. Off reads the files as exported.</summary>
    public bool FoldNetworkBlocks { get; set; } = true;

    /// <summary><see cref="OcrPrecision.Int8"/> (the default): the detector's and recogniser's convolutions
    /// quantised to int8 at load, and the hard-swish between two of them kept in uint8. On the bench's
    /// images 1.5-1.75× the images per CPU second at the float recall (CPU ms per image, float against
    /// int8: 1x charts 314 / 211, 1x screenshots 578 / 359, 150-dpi pages 1,995 / 1,148; one thread,
    /// load 9-14), and every OCR test passes with it: the real screenshots read with 1.9 / 1.0 / 0.6 %
    /// character errors (float: 0.9 / 2.0 / 0.4 %). Its readings of UI icons, which lie between the
    /// characters the recogniser knows, differ from float's as float's own differ with a pixel's shift
    /// of the box (<see cref="IconReadings"/> drops the lone ones). The first load calibrates (2-3 s of
    /// CPU, 0.45 GB more memory for a moment) and keeps the result in <see cref="Int8CacheDirectory"/>;
    /// later loads read it. <see cref="OcrPrecision.Fp32"/> runs the networks as exported.</summary>
    [EnumDataType(typeof(OcrPrecision))]
    public OcrPrecision Precision { get; set; } = OcrPrecision.Int8;

    /// <summary>With <see cref="OcrPrecision.Int8"/>: the MatMuls with constant weights (the recogniser's
    /// SVTR neck and its CTC head over 6,625 classes, float MatMul and FusedMatMul about a tenth of the int8
    /// recogniser's time) are int8 too (<see cref="Quantization.MatMulQdqQuantization"/>). On the bench's full
    /// sets the same recall and missed words, recogniser CPU ms per image 102 / 215 / 840 → 85 / 200 / 788 on
    /// charts / screenshots / pages (one run, load 12-17); off only to measure against.</summary>
    public bool Int8MatMuls { get; set; } = true;

    /// <summary>With <see cref="OcrPrecision.Int8"/>: the detector's and the recogniser's uint8 hard-swish (QLinearAdd then
    /// QLinearMul, about a fifth of the recogniser's time) runs as one 256-entry table lookup per value in the platform's
    /// own ONNX Runtime operator (<see cref="NativeLibraryPath"/>, AVX-512 VBMI), its table reproducing those two
    /// operators' results exactly. See bench/README.md ("Hard-swish as a table lookup") for what it measured.
    /// When the library is missing or does not load, the networks run as before and the log says why, once.</summary>
    public bool LookupHardSwish { get; set; } = true;

    /// <summary>With <see cref="LookupHardSwish"/> (the recogniser then runs with the platform's library): the recogniser's CTC head,
    /// an int8 MatMul to 6,625 class logits per step, runs as the library's fused operator (src/native/ctchead.c, AVX-512 VNNI),
    /// which computes the logits with ONNX Runtime's arithmetic a few steps at a time in cache and returns only each step's best
    /// class and, for the steps that emit a character, the sum behind its probability: the [lines, steps, 6,625] floats are never
    /// written and the decoder reads two numbers a step. The same best class at every step, so the same texts; confidences
    /// within float rounding. Network and decoding 2-12 % less CPU per batch, screenshots' recogniser 2-4 %. Only on CPUs with
    /// AVX-512 VNNI: the operator's portable loops are slower than ONNX Runtime's head, which is kept there. See bench/README.md
    /// ("The CTC head fused with its best-class search").</summary>
    public bool FusedCtcHead { get; set; } = true;

    /// <summary>The platform's ONNX Runtime operator library (<c>libragplatform_ocr.so</c>, built by
    /// scripts/build-native.sh); empty (the default) for the file beside the application's assemblies, where the
    /// build copies it. A relative path is resolved against the application's folder.</summary>
    public string NativeLibraryPath { get; set; } = "";

    /// <summary>With <see cref="OcrPrecision.Int8"/>: how many of the detector's first convolutions stay
    /// float (6, the default: its stem and the first two PP-LCNetV3 blocks, at half and a quarter of the
    /// input's resolution). Measured on the bench's 12 1x charts (run `ingest-ocr-20261205-174445`): 5 lost
    /// the lone 10 px "0" tick label once (recall 99.6 %), 3 lost it seven times (97.2 %); 4 kept 100 % but
    /// detection took no less CPU in the pipeline (81 against 77 ms per chart, within noise; the network
    /// alone 3 % less), so the default stays.</summary>
    [Range(0, 64)]
    public int DetectorFloatConvs { get; set; } = Quantization.OcrInt8Quantizer.DetectorFloatConvsFolded;

    /// <summary>With <see cref="OcrPrecision.Int8"/>: the detector's DB head upsamples by two 2 × 2, stride-2
    /// ConvTranspose layers (float, about a tenth of the int8 detector); on, they are written as
    /// two int8 1 × 1 convolutions at a quarter of the input's resolution and a DepthToSpace
    /// (<see cref="Quantization.TransposedHeadFolding"/>). The network alone (`ocr-det-nodes --variants`, CPU
    /// ms, one thread, load 9-14, two runs): 640 × 416 30.0-33.6 → 27.4-32.2, 1280 × 1664 266-294 → 244-257
    /// (8-12 % less); probability map mean |Δ| 0.0003 (largest 0.31, at one pixel). In the pipeline on the
    /// bench's full sets the same recall and missed words, but detection's CPU per image moved within the
    /// machine's noise (charts 68 against 66 ms, screenshots 50 / 53, pages 126 / 125; load 13-16), and on
    /// a real KDE menu (kmplot-popup-menu.png) a box came out a letter short ("Plot Are...": 5.2 % character
    /// errors against 4.3 % with it off, bound 5 %). So off by default.</summary>
    public bool DetectorHeadBlocks { get; set; }

    /// <summary>Folder where the int8 networks are kept once quantised, so that a restart loads them
    /// instead of calibrating again; empty (the default) for <c>cache/ocr</c> under
    /// <c>Storage:DataDirectory</c> (the model folder may be read-only). A relative path is resolved
    /// against the current directory. Entries carry the network file's hash and the code's version,
    /// so a new model or a new build quantises again.</summary>
    public string Int8CacheDirectory { get; set; } = "";

    /// <summary>Most text lines recognised in one ONNX run.</summary>
    [Range(1, 128)]
    public int RecognitionBatchSize { get; set; } = 8;

    /// <summary>Factor each line image is widened by beyond its aspect before it is read. The
    /// recogniser gives one step per 8 pixels, and a doubled narrow letter ("ff", "tt", "pp") needs a
    /// step between its two halves; what counts is the text's width in columns, this factor over
    /// 1 + 2 · <see cref="LineMarginAcross"/>. With that margin at 0.2, 150-dpi pages lost
    /// such letters at 1 ("staff", "committee", "settings": 7 of 1,296 words missed), one at 1.1,
    /// none at 1.2; with the margin at 0.1 (the default) the text is already 1.4 / 1.2 larger in the
    /// 48 rows and 1 reads every word that 1.2 at 0.2 read, in 3% fewer columns.</summary>
    [Range(1.0, 2.0)]
    public double RecognitionStretch { get; set; } = 1.0;

    /// <summary>Lines whose image (margin included) is lower than this many pixels are read at
    /// their own aspect, without <see cref="RecognitionStretch"/>: the recogniser then reads 15-20%
    /// fewer columns on 1x charts and screenshots (crops of 16-19 px; pages' are about 31). Off (0)
    /// by default, as doubled letters need the stretch at 1x too: with 1x images detected at
    /// <see cref="SmallImageDetectionScale"/> 1.5, 20 or 24 lost "committee" and "address" in 288
    /// screenshot words that every line stretched read (charts and pages lost nothing).</summary>
    [Range(0, 1000)]
    public int MinStretchedLineHeight { get; set; }

    /// <summary>Margin added above and below each line before it is read, as a fraction of its
    /// height. The recogniser reads lines 48 pixels high, so this sets the text's size there: a
    /// smaller margin reads the text larger, in more columns (48 · (width + 0.4 · height) /
    /// ((1 + 2 · margin) · height) · <see cref="RecognitionStretch"/>, about 30 µs of CPU each).
    /// 0 lost words on 1x images (a chart's "0"s and "final", "committee", "invoice", "vienna"):
    /// the earlier 6.4% error rate of no margin at all came from here. On the bench's full sets 0.1
    /// with stretch 1 read the same words as 0.2 with stretch 1.2 in 2.7% fewer columns (the recogniser's
    /// CPU 2-6% less, within the noise of a loaded machine); 0.12 lost "committee" and 0.15 three page words with stretch 1 (too little width
    /// for doubled letters), and 0.25 and more takes in the neighbouring lines.</summary>
    [Range(0.0, 1.0)]
    public double LineMarginAcross { get; set; } = 0.1;

    /// <summary>Widest line image the recogniser sees, in pixels at its 48-pixel height; longer
    /// lines are squeezed to it.</summary>
    [Range(320, 8192)]
    public int MaxRecognitionWidth { get; set; } = 3200;

    /// <summary>Threads ONNX Runtime uses inside one run; 0 lets it choose (one per physical core).</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>Images with more pixels are rejected before decoding (memory: 4 bytes per pixel;
    /// an A4 scan at 600 dpi is 35 megapixels).</summary>
    [Range(typeof(long), "1", "500000000")]
    public long MaxImagePixels { get; set; } = 40_000_000;
}
