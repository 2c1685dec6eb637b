// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Cli;

/// <summary>Reads a line from a terminal with left/right editing and up/down history; plain ReadLine when input is not
/// a terminal (piped SQL), so scripts behave like osqueryi's.</summary>
internal sealed class LineEditor(List<string> history)
{
    /// <summary>Reads one line, or null at end of input.</summary>
    public string? ReadLine(string prompt)
    {
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine();
        }

        Console.Write(prompt);
        var buffer = new StringBuilder();
        var cursor = 0;
        var index = history.Count;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return buffer.ToString();
                case ConsoleKey.Backspace when cursor > 0:
                    buffer.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < buffer.Length:
                    buffer.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < buffer.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.UpArrow when index > 0:
                    index--;
                    buffer.Clear().Append(history[index]);
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.DownArrow when index < history.Count:
                    index++;
                    buffer.Clear().Append(index < history.Count ? history[index] : "");
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && buffer.Length == 0:
                    Console.WriteLine();
                    return null;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        buffer.Insert(cursor++, key.KeyChar);
                    }

                    break;
            }

            Redraw(prompt, buffer, cursor);
        }
    }

    private static void Redraw(string prompt, StringBuilder buffer, int cursor)
    {
        // Carriage return, reprint, clear to end of line (ANSI EL), then move the cursor back into place.
        Console.Write("\r" + prompt + buffer + "\u001b[K");
        var back = buffer.Length - cursor;
        if (back > 0)
        {
            Console.Write($"\u001b[{back}D");
        }
    }
}
