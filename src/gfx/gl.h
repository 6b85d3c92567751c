#pragma once
// The one way gfx, ui and the app include OpenGL: core profile 3.3 declarations with prototypes.
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/glcorearb.h>
