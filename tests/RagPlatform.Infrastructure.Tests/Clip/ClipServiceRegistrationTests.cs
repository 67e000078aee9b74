using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Clip;
using RagPlatform.Infrastructure.Extraction;

namespace RagPlatform.Infrastructure.Tests.Clip;

public sealed class ClipServiceRegistrationTests
{
    [Fact]
    public void The_extension_registers_encoders_and_token_counter_from_the_clip_section_and_nothing_of_imaging_or_extraction()
    {
        using var provider = Build(new() { ["Clip:ModelDirectory"] = ClipFixtures.ModelDirectory, ["Clip:MaxBatchSize"] = "2" });

        var encoders = provider.GetRequiredService<IDenseEncoders>();
        Assert.True(encoders.IsAvailable, encoders.UnavailableReason);
        Assert.Same(encoders, provider.GetRequiredService<IDenseEncoders>());
        Assert.Equal(5, provider.GetRequiredService<ITokenCounter>().CountTokens("a photo of a cat"));
        Assert.Equal(75, provider.GetRequiredService<ITokenCounter>().MaxContentTokens);
        Assert.Null(provider.GetService<IImageTransformer>());
        Assert.Null(provider.GetService<ImageDocumentExtractor>());
        Assert.Equal(2, provider.GetRequiredService<IOptions<ClipOptions>>().Value.MaxBatchSize);
    }

    [Fact]
    public void Without_a_model_the_token_counter_still_works_and_the_encoders_say_why()
    {
        using var provider = Build(new() { ["Clip:ModelDirectory"] = Path.Combine(Path.GetTempPath(), "no-such-clip-model") });

        Assert.Equal(5, provider.GetRequiredService<ITokenCounter>().CountTokens("a photo of a cat"));
        Assert.False(provider.GetRequiredService<IDenseEncoders>().IsAvailable);
        Assert.Contains("no-such-clip-model", provider.GetRequiredService<IDenseEncoders>().UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_apply_when_the_section_is_absent()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<ClipOptions>>().Value;
        Assert.Equal(("models/clip", 16, 0, 100_000_000L), (options.ModelDirectory, options.MaxBatchSize, options.IntraOpThreads, options.MaxImagePixels));
    }

    [Fact]
    public void A_bad_setting_fails_validation_with_the_key_name()
    {
        using var provider = Build(new() { ["Clip:MaxBatchSize"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ClipOptions>>().Value);
        Assert.Contains("MaxBatchSize", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClipEncoders(configuration);
        return services.BuildServiceProvider();
    }
}
