using System.Text.Json;

namespace RagPlatform.Api.Chat;

/// <summary>Writes server-sent events: "event: name", one "data:" line of JSON, a blank line, and a
/// flush, so each event reaches the client as it happens.</summary>
internal sealed class ServerSentEvents(HttpResponse response, JsonSerializerOptions json)
{
    public void Start()
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Reverse proxies (nginx) buffer responses unless told not to.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    public async Task WriteAsync<T>(string eventName, T data, CancellationToken cancellationToken)
    {
        // Serialized JSON has no raw line breaks (they are escaped inside strings), so one data line holds it.
        var payload = JsonSerializer.Serialize(data, json);
        await response.WriteAsync($"event: {eventName}\ndata: {payload}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
