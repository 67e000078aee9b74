using Scalar.AspNetCore;

namespace RagPlatform.Api;

/// <summary>The API reference at /docs (Scalar over /openapi/v1.json): the platform's own
/// introduction, without the vendor's buttons (deploy, AI chat, SDK generation), fonts or telemetry
/// from the internet — a self-hosted server's page loads nothing from elsewhere.</summary>
internal static class ApiReference
{
    public const string Introduction = """
        Upload PDFs and images, search them by text or by image, and ask questions answered from them with
        citations to document, page and region.

        - **Documents**: `POST /api/documents` (multipart) queues files for ingestion; follow them with
          `GET /api/documents/{id}` (status, pages done of total).
        - **Search**: `GET /api/search?q=…` or `POST /api/search` with an image; every hit has its page, region,
          snippet, image URL and score parts.
        - **Chat**: `POST /api/chat` answers a question from the documents, streamed as server-sent events
          (`conversation`, `delta`, `answer`, `done`) or as one JSON answer with `stream: false`; every `[n]` is
          checked against the sources sent. Without a language model configured, answers are extractive quotes.
        - **Errors** are RFC 7807 problem documents with a human `detail`.

        The `rag` command line (`rag ingest`, `rag search`, `rag ask`, `rag chat`) is a client of this API.
        """;

    public static void MapApiReference(this IEndpointRouteBuilder routes) =>
        routes.MapScalarApiReference("/docs", options =>
        {
            options.Title = "RagPlatform API";
            options.HideClientButton = true;
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.Agent = new ScalarAgentOptions { Disabled = true };
            options.DefaultFonts = false;
            options.Telemetry = false;
        });
}
