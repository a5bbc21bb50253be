// The few librsvg and GLib calls the charts make, declared here rather than through
// <librsvg/rsvg.h>: that header pulls in GLib's, whose include paths only pkg-config knows, and
// SwiftPM warns on every build about the flags pkg-config brings with them. These declarations
// are librsvg 2.52+'s stable C API (Debian 12 ships 2.54); cairo's own header needs no flags.
#include <cairo/cairo.h>
#include <stddef.h>
#include <stdint.h>

typedef struct _RsvgHandle RsvgHandle;

typedef struct {
    double x;
    double y;
    double width;
    double height;
} RsvgRectangle;

typedef struct {
    uint32_t domain;
    int code;
    char *message;
} GError;

RsvgHandle *rsvg_handle_new_from_data(const uint8_t *data, size_t data_len, GError **error);
int rsvg_handle_get_intrinsic_size_in_pixels(RsvgHandle *handle, double *out_width, double *out_height);
int rsvg_handle_render_document(RsvgHandle *handle, cairo_t *cr, const RsvgRectangle *viewport, GError **error);
void g_object_unref(void *object);
void g_error_free(GError *error);
