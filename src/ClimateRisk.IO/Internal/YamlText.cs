using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClimateRisk.IO.Internal;

/// <summary>
/// Parses a YAML file into nodes, turning syntax errors into <see cref="InputError"/>s that say
/// where and what. YamlDotNet's own messages are poor for the two mistakes people make most: a
/// tab in the indentation is reported at the end of the line before it, and an unclosed
/// <c>{</c> that runs into the next line throws an InvalidOperationException ("Operation is not
/// valid due to the current state of the object.") with no position at all. Both are found
/// here by looking at the text.
/// </summary>
internal static class YamlText
{
    private const string Expected = "a scenario in the form of docs/data.md";

    /// <summary>The root node of the file's single document, or null with the problems added to <paramref name="errors"/>.</summary>
    public static YamlNode? Parse(string path, string text, List<InputError> errors)
    {
        if (ReportDamage(path, text, errors) || ReportDeepNesting(path, text, errors))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            // Explain the likely cause from the text first; YamlDotNet's message is the fallback.
            if (ReportTabs(path, text, errors) || ReportUnclosedBracket(path, text, errors))
            {
                return null;
            }

            if (ex is YamlException duplicate && duplicate.Message.StartsWith("Duplicate key ", StringComparison.Ordinal))
            {
                errors.Add(new InputError(path, (int)duplicate.Start.Line, "yaml", duplicate.Message["Duplicate key ".Length..], "each key once in its block (this one is already given above)"));
            }
            else if (ex is YamlException yaml)
            {
                errors.Add(new InputError(path, (int)yaml.Start.Line, "yaml", FirstLine(yaml.Message), Expected));
            }
            else
            {
                errors.Add(new InputError(path, 0, "yaml", FirstLine(ex.Message), Expected));
            }

            return null;
        }

        if (stream.Documents.Count == 0)
        {
            errors.Add(new InputError(path, 0, string.Empty, "(empty file)", Expected));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(new InputError(path, (int)stream.Documents[1].RootNode.Start.Line, "yaml", "a second document", "one scenario per file (remove the '---' line)"));
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>
    /// Deepest nesting a scenario may have. A scenario needs 3 levels; YamlDotNet parses nested
    /// collections recursively, and a few ten thousand '[' would overflow the stack, which ends
    /// the process without a message: such text is refused before it reaches the parser.
    /// </summary>
    internal const int MaxDepth = 32;

    /// <summary>Reports a control character (a NUL from a damaged copy, a binary file) at its line: the parser's message would not say which.</summary>
    private static bool ReportDamage(string path, string text, List<InputError> errors)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (char.IsControl(c) && c is not ('\t' or '\r'))
            {
                var name = c == '\0' ? "a NUL byte" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"control character U+{(int)c:X4}");
                errors.Add(new InputError(path, line, "yaml", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"column {i - lineStart + 1}"),
                    $"text without control characters (found {name}: the file looks damaged; restore it)"));
                return true;
            }
        }

        return false;
    }

    /// <summary>Refuses flow brackets nested deeper than <see cref="MaxDepth"/>, or indentation deeper than a scenario could need, at the line where the limit is passed.</summary>
    private static bool ReportDeepNesting(string path, string text, List<InputError> errors)
    {
        var depth = 0;
        var line = 1;
        var quote = '\0';
        var comment = false;
        var lineStart = true;
        var indent = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                comment = false;
                lineStart = true;
                indent = 0;
                quote = '\0';
                continue;
            }

            if (lineStart && c == ' ')
            {
                if (++indent > 4 * MaxDepth)
                {
                    errors.Add(new InputError(path, line, "yaml", $"indentation of more than {4 * MaxDepth} spaces",
                        $"nesting at most {MaxDepth} levels deep (a scenario needs 3; see docs/data.md)"));
                    return true;
                }

                continue;
            }

            lineStart = false;
            if (comment)
            {
                continue;
            }

            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#')
            {
                comment = true;
            }
            else if (c is '[' or '{' && ++depth > MaxDepth)
            {
                errors.Add(new InputError(path, line, "yaml", $"more than {MaxDepth} nested '[' or '{{'",
                    $"nesting at most {MaxDepth} levels deep (a scenario needs 3; see docs/data.md)"));
                return true;
            }
            else if (c is ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return false;
    }

    /// <summary>Reports every line indented with a tab (YAML allows only spaces there).</summary>
    private static bool ReportTabs(string path, string text, List<InputError> errors)
    {
        var found = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            if (indent < line.Length && line[..indent].Contains('\t', StringComparison.Ordinal) && !line.TrimStart(' ', '\t').StartsWith('#'))
            {
                errors.Add(new InputError(path, i + 1, "yaml", line.Replace("\t", "\\t", StringComparison.Ordinal).Trim(),
                    "indentation with spaces (YAML does not allow tabs there)"));
                found = true;
            }
        }

        return found;
    }

    /// <summary>Reports the first '{' or '[' that is never closed, at the line where it opens.</summary>
    private static bool ReportUnclosedBracket(string path, string text, List<InputError> errors)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var blockIndent = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ').Length;
            if (blockIndent >= 0 && (line.Trim().Length == 0 || indent > blockIndent))
            {
                continue; // free text of a block scalar (description: >): brackets there are not syntax
            }

            blockIndent = -1;
            var quote = '\0';
            for (var j = 0; j < line.Length; j++)
            {
                var c = line[j];
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                    continue;
                }

                if (c == '#' && (j == 0 || char.IsWhiteSpace(line[j - 1])))
                {
                    break;
                }

                if ((c == '"' || c == '\'') && (j == 0 || " \t:,[{".Contains(line[j - 1], StringComparison.Ordinal)))
                {
                    quote = c;
                }
                else if (c is '{' or '[')
                {
                    open.Push((c, i + 1));
                }
                else if (c is '}' or ']')
                {
                    var opener = c == '}' ? '{' : '[';
                    if (open.Count == 0)
                    {
                        errors.Add(new InputError(path, i + 1, "yaml", line.Trim(), $"a '{opener}' before this '{c}'"));
                        return true;
                    }

                    if (open.Peek().Bracket != opener)
                    {
                        var top = open.Peek().Bracket;
                        errors.Add(new InputError(path, i + 1, "yaml", line.Trim(), $"a '{(top == '{' ? '}' : ']')}' closing the '{top}' before this '{c}'"));
                        return true;
                    }

                    open.Pop();
                }
            }

            var content = StripComment(line).TrimEnd();
            if (open.Count == 0 && (content.EndsWith(": >", StringComparison.Ordinal) || content.EndsWith(": |", StringComparison.Ordinal)
                || content.EndsWith(": >-", StringComparison.Ordinal) || content.EndsWith(": |-", StringComparison.Ordinal)))
            {
                blockIndent = indent;
            }

            // A flow collection may span lines, but then the line ends with ',' or the opening
            // bracket; a line that does not, followed by a new "key:", left the bracket open.
            var continues = content.EndsWith(',') || content.EndsWith('{') || content.EndsWith('[');
            if (open.Count > 0 && !continues && i + 1 < lines.Length && StartsKey(lines[i + 1]))
            {
                return Unclosed(path, lines, open, errors);
            }
        }

        return open.Count > 0 && Unclosed(path, lines, open, errors);
    }

    private static bool Unclosed(string path, string[] lines, Stack<(char Bracket, int Line)> open, List<InputError> errors)
    {
        var (bracket, opened) = open.ToArray()[^1];
        errors.Add(new InputError(path, opened, "yaml", lines[opened - 1].Trim(), $"a closing '{(bracket == '{' ? '}' : ']')}' for the '{bracket}' opened on this line"));
        return true;
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return hash >= 0 ? line[..hash] : line;
    }

    /// <summary>Whether a line looks like the start of a block-mapping entry ("key:" at any indentation).</summary>
    private static bool StartsKey(string line)
    {
        var trimmed = line.TrimStart(' ');
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && trimmed[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && (colon + 1 == trimmed.Length || trimmed[colon + 1] == ' ');
    }

    private static string FirstLine(string message)
    {
        var first = message.Split('\n')[0].Trim();
        return first.Length > 200 ? first[..200] : first;
    }
}
