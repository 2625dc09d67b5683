namespace ClimateRisk.IO.Internal;

/// <summary>The rule for ids (sites, scenarios, table keys): lower-case ASCII letters, digits, '-' and '_'.</summary>
internal static class Slug
{
    /// <summary>What an error names as expected for a text that breaks the rule.</summary>
    public const string Expected = "a slug of lower-case letters, digits, '-' or '_'";

    /// <summary>Whether every character of <paramref name="text"/> is allowed in a slug (true for the empty text, which callers check on their own terms).</summary>
    public static bool IsValidOrEmpty(string text) => text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
}
