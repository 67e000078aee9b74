using System.Runtime.InteropServices;

namespace RagPlatform.Infrastructure.Extraction.Poppler;

/// <summary>A reference to a GObject (a poppler document or page), released with g_object_unref once
/// the last native call that uses it has returned: a render abandoned after its timeout keeps its
/// document alive while the document's owner has already let it go.</summary>
internal sealed class GObjectHandle : SafeHandle
{
    public GObjectHandle()
        : base(0, ownsHandle: true)
    {
    }

    public GObjectHandle(nint instance)
        : base(0, ownsHandle: true)
    {
        SetHandle(instance);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        PopplerNative.g_object_unref(handle);
        return true;
    }
}
