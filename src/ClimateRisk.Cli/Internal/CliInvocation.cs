using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ClimateRisk.Cli.Internal;

/// <summary>
/// Invokes a parsed command line the way a user should see it fail: a parse error becomes one
/// <c>error:</c> line per problem in the user's terms (no .NET type names) and a one-line usage,
/// exit 1; an exception no command expected becomes one <c>error:</c> line, exit 2, with the
/// stack trace only under <c>--verbose</c>.
/// </summary>
internal static class CliInvocation
{
    /// <summary>The global option that adds stack traces to unexpected failures.</summary>
    public const string VerboseName = "--verbose";

    public static Option<bool> CreateVerboseOption() => new(VerboseName)
    {
        Description = "On an unexpected failure, print the full exception (stack trace) after the error line.",
        Recursive = true,
    };

    public static int Invoke(ParseResult parse, TextWriter output, TextWriter error)
    {
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction or null)
        {
            foreach (var message in Describe(parse).Distinct(StringComparer.Ordinal))
            {
                error.WriteLine(message);
            }

            error.WriteLine(Usage(parse.CommandResult.Command));
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: stopped before the command finished; nothing complete was written. Run it again (a run can continue with --resume).");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            error.WriteLine(Unexpected(ex));
            if (parse.Tokens.Any(t => t.Value == VerboseName))
            {
                error.WriteLine(ex.ToString());
            }

            return ExitCodes.Failure;
        }
    }

    /// <summary>One line for an exception no command handled: what happened (the .NET message names the file) and the way out.</summary>
    internal static string Unexpected(Exception ex)
    {
        var message = ex.Message.TrimEnd('.');
        return ex switch
        {
            UnauthorizedAccessException => $"error: {message}: check the permissions of that path, or choose another one (run again with --verbose for details)",
            DirectoryNotFoundException or FileNotFoundException => $"error: {message}: check the path (run again with --verbose for details)",
            IOException => $"error: {message}: check that the disk has space and the path is writable, then run again (--verbose for details)",
            _ => $"error: unexpected failure ({ex.GetType().Name}): {message}; run again with --verbose and report the output",
        };
    }

    /// <summary><c>usage: climaterisk run [options]; see climaterisk run --help</c>.</summary>
    internal static string Usage(Command command)
    {
        var path = new List<string>();
        for (Symbol? symbol = command; symbol is Command c and not RootCommand; symbol = c.Parents.FirstOrDefault())
        {
            path.Insert(0, c.Name);
        }

        var name = string.Join(' ', ["climaterisk", .. path]);
        var arguments = string.Concat(command.Arguments.Where(a => !a.Hidden).Select(a => " " + (a.HelpName ?? a.Name).ToUpperInvariant()));
        var what = command is RootCommand ? " COMMAND" : string.Empty;
        return $"usage: {name}{what}{arguments} [options]; see {name} --help";
    }

    private static IEnumerable<string> Describe(ParseResult parse)
    {
        foreach (var parseError in parse.Errors)
        {
            yield return Describe(parse, parseError);
        }
    }

    private static string Describe(ParseResult parse, ParseError parseError)
    {
        var option = parseError.SymbolResult switch
        {
            OptionResult o => o,
            ArgumentResult { Parent: OptionResult o } => o,
            _ => null,
        };
        if (option is not null)
        {
            var name = option.Option.Name;
            if (option.IdentifierToken is null)
            {
                return $"error: {name} is required{(option.Option.HelpName is { } value ? $" (--{name.TrimStart('-')} {value})" : string.Empty)}";
            }

            if (option.Tokens.Count > 1 && !option.Option.ValueType.IsArray)
            {
                return $"error: {name} given more than once ('{string.Join("', '", option.Tokens.Select(t => t.Value))}'): give it once";
            }

            if (option.Tokens.Count == 0)
            {
                return $"error: {name} needs a value{Example(option.Option)}";
            }

            var given = string.Join(' ', option.Tokens.Select(t => t.Value));
            if (option.Option.ValueType == typeof(string))
            {
                // A text option fails only on its own validation: a fixed list, or the command's own message.
                var allowed = option.Option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
                return allowed.Count > 0
                    ? $"error: {name} '{given}': expected one of {string.Join(", ", allowed)}"
                    : $"error: {name} '{given}': {OneLine(Plain(parseError.Message))}";
            }

            return $"error: {name} '{given}': expected {Expected(option.Option.ValueType)}{Example(option.Option)}";
        }

        if (parseError.SymbolResult is ArgumentResult { Argument: var absent, Tokens.Count: 0, Parent: CommandResult { Command: var owner } })
        {
            return $"error: {owner.Name} needs {(absent.HelpName ?? absent.Name).ToUpperInvariant()}{(absent.Description is { Length: > 0 } d ? $" ({d.TrimEnd('.')})" : string.Empty)}";
        }

        if (parseError.SymbolResult is ArgumentResult { Argument: var argument } argumentResult && argumentResult.Tokens.Count > 0)
        {
            // Text never fails to convert: the error is the command's own validator's message.
            if (argument.ValueType == typeof(string) || argument.ValueType == typeof(string[]))
            {
                return "error: " + OneLine(Plain(parseError.Message));
            }

            var given = string.Join(' ', argumentResult.Tokens.Select(t => t.Value));
            return $"error: {(argument.HelpName ?? argument.Name).ToUpperInvariant()} '{given}': expected {Expected(argument.ValueType)}";
        }

        if (parseError.SymbolResult is CommandResult { Command: var command } commandResult
            && command.Arguments.FirstOrDefault(a => commandResult.Children.OfType<ArgumentResult>().All(r => r.Argument != a || r.Tokens.Count == 0)) is { } missing
            && parse.UnmatchedTokens.Count == 0)
        {
            var what = (missing.HelpName ?? missing.Name).ToUpperInvariant();
            return $"error: {command.Name} needs {what}{(missing.Description is { Length: > 0 } d ? $" ({d.TrimEnd('.')})" : string.Empty)}";
        }

        var unmatched = parse.UnmatchedTokens;
        if (unmatched.Count > 0 && parseError.SymbolResult is null or CommandResult)
        {
            var token = unmatched.FirstOrDefault(t => parseError.Message.Contains($"'{t}'", StringComparison.Ordinal)) ?? unmatched[0];
            return token.StartsWith('-')
                ? $"error: unknown option '{token}'"
                : parse.CommandResult.Command is RootCommand root
                    ? $"error: unknown command '{token}'; the commands are {string.Join(", ", root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}"
                    : $"error: unexpected argument '{token}'";
        }

        return "error: " + OneLine(Plain(parseError.Message));
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>A parse message with any .NET type name (<c>System.Int32</c>) put in words.</summary>
    private static string Plain(string message)
    {
        foreach (var (type, words) in new[] { ("System.Int32", "a whole number"), ("System.Int64", "a whole number"), ("System.UInt64", "a whole number"), ("System.UInt32", "a whole number"), ("System.Double", "a number"), ("System.Boolean", "true or false"), ("System.String", "text") })
        {
            message = message.Replace($"'{type}'", words, StringComparison.Ordinal).Replace(type, words, StringComparison.Ordinal);
        }

        return message.TrimEnd('.');
    }

    private static string Expected(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        var underlying = Nullable.GetUnderlyingType(element) ?? element;
        return underlying switch
        {
            _ when underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(uint) || underlying == typeof(ulong) => "a whole number",
            _ when underlying == typeof(double) || underlying == typeof(decimal) || underlying == typeof(float) => "a number (with a point, e.g. 0.05)",
            _ when underlying == typeof(bool) => "true or false",
            _ when underlying.IsEnum => "one of " + string.Join(", ", Enum.GetNames(underlying).Select(n => n.ToLowerInvariant())),
            _ => "a value",
        };
    }

    private static string Example(Option option)
    {
        if (!option.HasDefaultValue || option.ValueType == typeof(bool))
        {
            return string.Empty;
        }

        var value = option.GetDefaultValue();
        return value is IFormattable or string && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text && text != "0"
            ? $", e.g. {text}"
            : string.Empty;
    }
}
