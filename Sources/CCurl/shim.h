// libcurl, for sending mail over SMTP. curl_easy_setopt and curl_easy_getinfo are C variadic
// functions, which Swift does not import: one typed inline wrapper per kind of argument.
#include <curl/curl.h>

static inline CURLcode hp_curl_setopt_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode hp_curl_setopt_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode hp_curl_setopt_pointer(CURL *curl, CURLoption option, void *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode hp_curl_setopt_slist(CURL *curl, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode hp_curl_setopt_blob(CURL *curl, CURLoption option, struct curl_blob *value) {
    return curl_easy_setopt(curl, option, value);
}

typedef size_t (*hp_curl_read_callback)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode hp_curl_setopt_read_function(CURL *curl, hp_curl_read_callback callback) {
    return curl_easy_setopt(curl, CURLOPT_READFUNCTION, callback);
}

static inline CURLcode hp_curl_getinfo_long(CURL *curl, CURLINFO info, long *value) {
    return curl_easy_getinfo(curl, info, value);
}
