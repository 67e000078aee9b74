using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RagPlatform.Hosting;

/// <summary>Checks every validated settings section before a host starts, and says what is wrong in
/// one line per problem, naming the key as appsettings.json and as an environment variable spell it
/// ("Search:DenseWeight", "Search__DenseWeight") — instead of an unhandled exception and a stack trace.</summary>
public static partial class InvalidSettings
{
    /// <summary>Runs the start-up validation of every options class registered with ValidateOnStart.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid.</exception>
    public static void Check(IServiceProvider services) =>
        services.GetService<IStartupValidator>()?.Validate();

    /// <summary>Runs <see cref="Check"/>; on failure writes the problems to <paramref name="error"/> and
    /// returns false.</summary>
    public static bool TryCheck(IServiceProvider services, TextWriter error)
    {
        try
        {
            Check(services);
            return true;
        }
        catch (OptionsValidationException ex)
        {
            error.WriteLine(Describe(ex));
            return false;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            foreach (var inner in ex.InnerExceptions.Cast<OptionsValidationException>())
            {
                error.WriteLine(Describe(inner));
            }

            return false;
        }
        catch (InvalidOperationException ex) when (BindingFailure().Match(ex.Message) is { Success: true } binding)
        {
            // The configuration binder's own error: a value that is not of the key's type.
            var path = binding.Groups["path"].Value;
            var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(binding.Groups["type"].Value)).FirstOrDefault(t => t is not null);
            var expected = type is { IsEnum: true } ? $"one of {string.Join(", ", Enum.GetNames(type))}" : $"a {type?.Name ?? binding.Groups["type"].Value}";
            error.WriteLine($"Invalid setting {path} (environment variable {path.Replace(":", "__", StringComparison.Ordinal)}): '{binding.Groups["value"].Value}' is not {expected}.");
            return false;
        }
    }

    public static string Describe(OptionsValidationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var section = SectionOf(exception.OptionsType);
        return string.Join(Environment.NewLine, exception.Failures.Select(failure => DescribeFailure(section, failure)));
    }

    private static string DescribeFailure(string? section, string failure)
    {
        var annotation = DataAnnotationFailure().Match(failure);
        if (!annotation.Success || section is null)
        {
            return $"Invalid setting{(section is null ? string.Empty : $" in section {section}")}: {failure}";
        }

        var keys = annotation.Groups["members"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(member => $"{section}:{member} (environment variable {section}__{member})");
        return $"Invalid setting {string.Join(" and ", keys)}: {annotation.Groups["error"].Value}";
    }

    /// <summary>The section name an options class declares as its <c>Section</c> or <c>SectionName</c> constant.</summary>
    private static string? SectionOf(Type optionsType) =>
        optionsType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(f => f.IsLiteral && f.Name is "Section" or "SectionName")?.GetRawConstantValue() as string;

    [GeneratedRegex(@"configuration value '(?<value>.*)' at '(?<path>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex BindingFailure();

    [GeneratedRegex(@"members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
