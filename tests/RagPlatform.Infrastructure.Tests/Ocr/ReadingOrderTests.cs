using System.Numerics;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

public sealed class ReadingOrderTests
{
    [Fact]
    public void Rows_go_top_to_bottom_and_boxes_in_a_row_left_to_right()
    {
        var boxes = new Dictionary<string, TextQuad>
        {
            ["Help"] = Box(200, 10, 30, 12),
            ["File"] = Box(10, 11, 25, 12),
            ["Edit"] = Box(60, 9, 25, 14),
            ["second line"] = Box(10, 30, 150, 12),
            ["first paragraph line"] = Box(10, 50, 300, 14),
            ["indented next line"] = Box(5, 62, 300, 14), // Overlaps the line above by a little.
        };

        var order = ReadingOrder.Sort([.. boxes.Keys], key => boxes[key]);

        Assert.Equal(["File", "Edit", "Help", "second line", "first paragraph line", "indented next line"], order);
    }

    [Fact]
    public void A_row_on_a_page_turned_a_few_degrees_stays_one_row()
    {
        // Turned 3° anticlockwise: further right is higher up, by 16 pixels over 300.
        var turn = Matrix3x2.CreateRotation(-3 * MathF.PI / 180);
        var boxes = new Dictionary<string, TextQuad>
        {
            ["Title of the page"] = Turn(Box(10, 10, 300, 20), turn),
            ["Name"] = Turn(Box(10, 50, 60, 14), turn),
            ["412.5"] = Turn(Box(300, 50, 40, 14), turn),
            ["Salaries"] = Turn(Box(10, 70, 60, 14), turn),
            ["1,208.0"] = Turn(Box(300, 70, 40, 14), turn),
        };

        var order = ReadingOrder.Sort([.. boxes.Keys], key => boxes[key]);

        Assert.Equal(["Title of the page", "Name", "412.5", "Salaries", "1,208.0"], order);
    }

    private static TextQuad Box(float left, float top, float width, float height) =>
        new(new(left, top), new(left + width, top), new(left + width, top + height), new(left, top + height));

    private static TextQuad Turn(TextQuad box, Matrix3x2 turn) =>
        new(Vector2.Transform(box.TopLeft, turn), Vector2.Transform(box.TopRight, turn), Vector2.Transform(box.BottomRight, turn), Vector2.Transform(box.BottomLeft, turn));
}
