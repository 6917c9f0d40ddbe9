package dev.geodig.gateway.ui;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The page at {@code /}. Its files are static resources under {@code /ui/**} (classpath {@code ui/}),
 * served by Spring's resource handler for that prefix only, so every other path keeps answering a
 * problem+json 404 for any method.
 */
@Controller
class PageController {

    @GetMapping("/")
    String page() {
        return "forward:/ui/index.html";
    }
}
